import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { config } from '../../shared/config.js';
import { screenshotPath, useChromium } from '../support/browser.js';
import { scheduledEvent, storedInvitation } from '../support/invitations.js';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail, waitForEmails, type SentEmail } from '../support/mailbox.js';
import { useMailer } from '../support/stream-poller.js';

const api = useLocalApi();
useMailer();
const browser = useChromium();

/**
 * A browser whose requests to the emails' links (PUBLIC_BASE_URL) reach this
 * file's local API, as they reach API Gateway in AWS; no JavaScript, as the
 * pages need none.
 */
async function mailReader(): Promise<BrowserContext> {
  const context = await browser().newContext({ javaScriptEnabled: false });
  await context.route(`${config.PUBLIC_BASE_URL}/**`, async (route) => {
    const response = await route.fetch({ url: route.request().url().replace(config.PUBLIC_BASE_URL, api.baseUrl()), maxRedirects: 0 });
    await route.fulfill({ response });
  });
  return context;
}

/** The invitation email to an address: the one with the .ics attached. */
async function invitationTo(to: string): Promise<SentEmail> {
  const [email] = await waitForEmails(to, 1, 45_000, (sent) => sent.attachments.some((attachment) => attachment.contentType.startsWith('text/calendar')));
  expect(email, `no invitation to ${to}`).toBeDefined();
  return email!;
}

describe('an invitee answers from the invitation email’s button in Chromium', () => {
  it('in Polish (accept) and in English (decline): the page in their language with the choice preselected, the answer stored, the confirmation emailed', { timeout: 120_000 }, async () => {
    const polish = { email: uniqueEmail('e2e-rsvp-pl'), name: 'Grzegorz Brzęczyszczykiewicz', language: 'pl' };
    const english = { email: uniqueEmail('e2e-rsvp-en'), name: 'Hannah Partner', language: 'en' };
    const eventId = await scheduledEvent(api.call, { extraInvitees: [polish, english] });
    const started = await api.call('POST', `/admin/events/${eventId}/invitations`, { role: 'admin' });
    expect(started.status).toBe(202);
    const { extraInvitees } = (await api.call('GET', `/admin/events/${eventId}`, { role: 'viewer' })).json as { extraInvitees: Array<{ inviteeId: string; email: string }> };
    const inviteeIdOf = (email: string) => extraInvitees.find((one) => one.email === email)!.inviteeId;

    const context = await mailReader();
    const page = await context.newPage();

    // Polish: the email as a mail client shows it; its accept button opens the RSVP page.
    const polishInvitation = await invitationTo(polish.email);
    expect(polishInvitation.subject).toBe('Zaproszenie: Forum „Kształcenie zawodowe”');
    await page.setContent(polishInvitation.body.html!);
    await page.screenshot({ path: screenshotPath('rsvp-pl-email.png'), fullPage: true });
    await page.getByRole('link', { name: 'Wezmę udział', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Forum „Kształcenie zawodowe”');
    expect(new URL(page.url()).pathname).toMatch(/^\/rsvp\/[\w-]+$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('pl');
    expect(await page.locator('main').textContent()).toContain('Twoja obecna odpowiedź: brak odpowiedzi');
    expect(await page.getByLabel('Wezmę udział', { exact: true }).isChecked()).toBe(true);
    // Opening the link changed nothing (mail scanners open every link).
    expect((await storedInvitation(eventId, inviteeIdOf(polish.email)))?.answer).toBe('NONE');
    await page.screenshot({ path: screenshotPath('rsvp-pl-page.png'), fullPage: true });

    await page.getByRole('button', { name: 'Wyślij odpowiedź' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toBe('Dziękujemy! Twoje miejsce jest zarezerwowane. Wysłaliśmy potwierdzenie e-mailem.');
    expect(await page.locator('[data-answer]').getAttribute('data-answer')).toBe('ACCEPTED');
    await page.screenshot({ path: screenshotPath('rsvp-pl-accepted.png'), fullPage: true });
    expect(await storedInvitation(eventId, inviteeIdOf(polish.email))).toMatchObject({ answer: 'ACCEPTED', version: 2 });
    const [accepted] = await waitForEmails(polish.email, 1, 15_000, (sent) => sent.subject.startsWith('Potwierdzamy udział'));
    expect(accepted?.subject).toBe('Potwierdzamy udział: Forum „Kształcenie zawodowe”');

    // English: the decline button.
    const englishInvitation = await invitationTo(english.email);
    expect(englishInvitation.subject).toBe('Invitation: Vocational education forum');
    await page.setContent(englishInvitation.body.html!);
    await page.getByRole('link', { name: 'I cannot attend' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Vocational education forum');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('main').textContent()).toContain('Your current answer: no answer yet');
    expect(await page.getByLabel('I cannot attend').isChecked()).toBe(true);
    expect(await page.getByLabel('I will attend').isChecked()).toBe(false);
    await page.screenshot({ path: screenshotPath('rsvp-en-page.png'), fullPage: true });

    await page.getByRole('button', { name: 'Send my answer' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toBe('Thank you for letting us know that you cannot attend.');
    expect(await page.locator('[data-answer]').getAttribute('data-answer')).toBe('DECLINED');
    await page.screenshot({ path: screenshotPath('rsvp-en-declined.png'), fullPage: true });
    expect(await storedInvitation(eventId, inviteeIdOf(english.email))).toMatchObject({ answer: 'DECLINED', version: 2 });
    const [declined] = await waitForEmails(english.email, 1, 15_000, (sent) => sent.subject.startsWith('We noted you cannot attend'));
    expect(declined?.subject).toBe('We noted you cannot attend: Vocational education forum');

    // The office sees both answers.
    const attendees = await api.call('GET', `/admin/events/${eventId}/attendees`, { role: 'viewer' });
    expect(attendees.json.items.map((item: { email: string; answer: string }) => [item.email, item.answer])).toEqual([
      [polish.email, 'ACCEPTED'],
      [english.email, 'DECLINED'],
    ]);
    await context.close();
  });
});
