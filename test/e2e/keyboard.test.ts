import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recipientRepository } from '../../shared/adapters/dynamo/recipient-repository.js';
import { useChromium } from '../support/browser.js';
import { invite, invitee, scheduledEvent, storedInvitation } from '../support/invitations.js';
import { focusedElement, tabTo } from '../support/keyboard.js';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { item, validNip } from '../support/organisations.js';
import { storedKeys } from '../support/stored-keys.js';
import { useMailer } from '../support/stream-poller.js';

/**
 * Issue 14, item 2: keyboard-only walks in Chromium. Nothing is clicked or
 * filled by the test's hand: Tab and Shift+Tab move, typing fills, Space
 * ticks, Enter sends; every element focused on the way shows its focus.
 */
const api = useLocalApi();
useMailer();
const browser = useChromium();

async function type(page: Page, selector: string, text: string) {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

const copy = {
  pl: { type: 'Szko', thanks: 'Dziękujemy za wniosek!' },
  en: { type: 'Scho', thanks: 'Thank you for applying!' },
} as const;

describe.each(['pl', 'en'] as const)('the application form by keyboard alone (%s)', (lang) => {
  it('is filled and sent with Tab, Shift+Tab, Space and Enter; after a refused send the focus is on the error summary, whose link leads to the field', async () => {
    const page = await browser().newPage();
    await page.goto(`${api.baseUrl()}/apply?lang=${lang}`);
    const email = uniqueEmail(`keyboard-${lang}`);
    const nip = validNip();

    await type(page, '#f-organisation-name', `Szkoła klawiaturowa ${Math.random().toString(36).slice(2, 7)}`);
    await tabTo(page, '#f-organisation-type');
    await page.keyboard.type(copy[lang].type); // a closed select picks the option whose label starts so
    expect(await page.locator('#f-organisation-type').inputValue()).toBe('school');
    await type(page, '#f-organisation-nip', '1234567890');
    await type(page, '#f-organisation-address-street', 'ul. Kuźnicza 10');
    await type(page, '#f-organisation-address-postalCode', '50-138');
    await type(page, '#f-organisation-address-city', 'Wrocław');
    await tabTo(page, '#f-organisation-address-voivodeship');
    await page.keyboard.type('doln');
    expect(await page.locator('#f-organisation-address-voivodeship').inputValue()).toBe('dolnoslaskie');
    await type(page, '#f-contact-name', 'Anna Kowalska');
    await type(page, '#f-contact-email', email);
    await type(page, '#f-contact-phone', '+48 71 123 45 67');
    await type(page, '#f-contact-role', 'Dyrektor');
    await tabTo(page, '#f-interests-vocational_education');
    await page.keyboard.press('Space');
    await tabTo(page, '#f-consents-statute');
    await page.keyboard.press('Space');
    await tabTo(page, '#f-consents-dataProcessing');
    await page.keyboard.press('Space');
    // Back one field and forward again: the statute box is still ticked.
    await tabTo(page, '#f-consents-statute', { backwards: true });
    expect(await page.locator('#f-consents-statute').isChecked()).toBe(true);
    await tabTo(page, 'button[type=submit]');
    await Promise.all([page.waitForURL(`${api.baseUrl()}/applications`), page.keyboard.press('Enter')]);

    // Refused for the NIP: the focus is on the summary, which screen readers announce.
    const summary = await focusedElement(page);
    expect(await summary.matches('#error-summary[role=alert]')).toBe(true);
    expect(summary.visible).toBe(true);
    await tabTo(page, '#error-summary a[href="#f-organisation-nip"]', { maxPresses: 1 });
    await page.keyboard.press('Enter');
    expect(await (await focusedElement(page)).matches('#f-organisation-nip')).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(nip);
    await tabTo(page, 'button[type=submit]');
    await Promise.all([page.waitForURL(/\/apply\?submitted=1/), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe(copy[lang].thanks);

    expect(await item(storedKeys.organisationLock(`PL-NIP-${nip}`))).toBeDefined();
    const [verification] = await waitForEmails(email, 1);
    expect(verification?.body.text).toContain('/applications/verify?token=');
    await page.close();
  });
});

describe('the RSVP page by keyboard alone', () => {
  it('an answer is chosen with Space and sent with Enter, and stored', async () => {
    const eventId = await scheduledEvent(api.call);
    const tokens = await invite(eventId, [invitee('keyboard-1', { email: uniqueEmail('keyboard-rsvp'), language: 'en' })]);
    const page = await browser().newPage();
    await page.goto(`${api.baseUrl()}/rsvp/${tokens.get('keyboard-1')}`);

    await tabTo(page, 'input[name=response][value=accept]');
    await page.keyboard.press('Space');
    await tabTo(page, 'button[type=submit]');
    // Shift+Tab back into the group lands on the chosen answer.
    await tabTo(page, 'input[name=response][value=accept]:checked', { backwards: true, maxPresses: 1 });
    await tabTo(page, 'button[type=submit]');
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await expect.poll(() => page.locator('[role=status]').textContent()).toContain('Your place is reserved');
    expect(await storedInvitation(eventId, 'keyboard-1')).toMatchObject({ answer: 'ACCEPTED' });
    await page.close();
  });
});

describe('the notification settings by keyboard alone', () => {
  it('a kind of message is switched off with Space and saved with Enter, and stored', async () => {
    const email = uniqueEmail('keyboard-prefs');
    const token = await recipientRepository.preferencesToken(email, 'pl');
    const page = await browser().newPage();
    await page.goto(`${api.baseUrl()}/unsubscribe/${token}`);

    await tabTo(page, 'input[name=events]');
    await page.keyboard.press('Space');
    expect(await page.locator('input[name=events]').isChecked()).toBe(false);
    await tabTo(page, 'button[type=submit]');
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await expect.poll(() => page.locator('[role=status]').textContent()).toBe('Zapisano ustawienia.');
    expect((await item(storedKeys.recipientPreferences(email)))?.unsubscribed).toEqual(['events']);
    await page.close();
  });
});
