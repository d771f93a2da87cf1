import { screenshotPath, useChromium } from '../support/browser.js';
import { describe, expect, it } from 'vitest';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { approvedMember, linkIn } from '../support/members.js';
import { partition } from '../support/organisations.js';
import { storedKeys } from '../support/stored-keys.js';
import { useMailer } from '../support/stream-poller.js';

const api = useLocalApi();
useMailer();
const browser = useChromium();

describe('a primary contact adds a colleague from the welcome email’s link', () => {
  it('in Chromium without JavaScript: the form (PL, then EN), an error at its field, the colleague added, and the colleague’s own confirmation', async () => {
    const { memberId, welcome, body } = await approvedMember(api.call);
    const link = linkIn(welcome, '/colleagues/');
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();

    await page.goto(`${api.baseUrl()}${link}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Dodaj współpracowników');
    expect(await page.locator('html').getAttribute('lang')).toBe('pl');
    expect(await page.locator('main').textContent()).toContain(body.organisation.name);
    await page.getByRole('link', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Add colleagues');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    const colleague = uniqueEmail('e2e-colleague');
    await page.getByLabel('Full name').fill('Tomasz Nowak');
    await page.getByLabel('Email').fill('tomasz.nowak@');
    await page.getByLabel('Position').fill('Koordynator projektów');
    await page.getByLabel('English').check();
    await page.getByRole('button', { name: 'Add and send the confirmation link' }).click();

    const emailField = page.getByLabel('Email');
    await expect.poll(() => emailField.getAttribute('aria-invalid')).toBe('true');
    expect(await emailField.getAttribute('aria-describedby')).toBe('e-email');
    expect(await page.locator('#e-email').textContent()).toBe('Enter a valid email address.');
    expect(await page.getByLabel('Full name').inputValue()).toBe('Tomasz Nowak');
    await page.screenshot({ path: screenshotPath('colleague-en-email-error.png'), fullPage: true });

    await emailField.fill(colleague);
    await page.getByRole('button', { name: 'Add and send the confirmation link' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain(`We have sent a confirmation link, valid for 7 days, to ${colleague}`);
    expect(await page.getByLabel('Email').inputValue()).toBe('');
    await page.screenshot({ path: screenshotPath('colleague-en-added.png'), fullPage: true });
    const added = (await partition(storedKeys.memberPartition(memberId))).find((entry) => entry.entity === 'CONTACT' && entry.email === colleague);
    expect(added).toMatchObject({ status: 'UNCONFIRMED', addedBy: 'colleague', language: 'en' });

    // The colleague opens their own link (which changes nothing) and presses its button.
    const [confirmation] = await waitForEmails(colleague, 1);
    await page.goto(`${api.baseUrl()}${linkIn(confirmation, '/contacts/confirm/')}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Confirm your email');
    await page.getByRole('button', { name: 'Confirm my email address' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Email confirmed');
    const confirmed = (await partition(storedKeys.memberPartition(memberId))).find((entry) => entry.entity === 'CONTACT' && entry.email === colleague);
    expect(confirmed).toMatchObject({ status: 'CONFIRMED' });
    await context.close();
  });
});
