import type { Page } from 'playwright-core';
import { screenshotPath, useChromium } from '../support/browser.js';
import { describe, expect, it } from 'vitest';
import { storedKeys } from '../support/stored-keys.js';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { item, validNip } from '../support/organisations.js';
import { useMailer } from '../support/stream-poller.js';
import { formCopy } from '../../shared/pages/application-form-copy.js';

const api = useLocalApi();
useMailer();
const browser = useChromium();

const copy = {
  pl: {
    heading: 'Wniosek o członkostwo w Klastrze',
    interest: 'Kształcenie zawodowe',
    typeOption: 'Szkoła',
    submit: 'Wyślij wniosek',
    nipError: 'Podaj poprawny NIP: 10 cyfr z prawidłową sumą kontrolną.',
    thanks: 'Dziękujemy za wniosek!',
    subject: 'Potwierdź adres e-mail',
  },
  en: {
    heading: 'Application for Cluster membership',
    interest: 'Vocational education',
    typeOption: 'School',
    submit: 'Send application',
    nipError: 'Enter a valid NIP: 10 digits with a correct checksum.',
    thanks: 'Thank you for applying!',
    subject: 'Confirm your email',
  },
} as const;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Finds a field by its visible label, as a person (or a screen reader) would. */
function field(page: Page, lang: 'pl' | 'en', path: string) {
  return page.getByLabel(new RegExp(`^${escapeRegex(formCopy[lang].fields[path]!)}`));
}

async function fillForm(page: Page, lang: 'pl' | 'en', values: { name: string; email: string; nip: string }) {
  await field(page, lang, 'organisation.name').fill(values.name);
  await field(page, lang, 'organisation.type').selectOption({ label: copy[lang].typeOption });
  await field(page, lang, 'organisation.nip').fill(values.nip);
  await field(page, lang, 'organisation.address.street').fill('ul. Kuźnicza 10');
  await field(page, lang, 'organisation.address.postalCode').fill('50-138');
  await field(page, lang, 'organisation.address.city').fill('Wrocław');
  await field(page, lang, 'organisation.address.voivodeship').selectOption('dolnoslaskie');
  await field(page, lang, 'contact.name').fill('Anna Kowalska');
  await field(page, lang, 'contact.email').fill(values.email);
  await field(page, lang, 'contact.phone').fill('+48 71 123 45 67');
  await field(page, lang, 'contact.role').fill('Dyrektor');
  await page.getByLabel(copy[lang].interest).check();
  await field(page, lang, 'consents.statute').check();
  await field(page, lang, 'consents.dataProcessing').check();
}

describe.each(['pl', 'en'] as const)('the application form in %s', (lang) => {
  it('shows a bad NIP at the field, then takes a good one to the thank-you page', async () => {
    const page = await browser().newPage();
    await page.goto(`${api.baseUrl()}/apply${lang === 'en' ? '?lang=en' : ''}`);
    await expect.poll(() => page.locator('h1').textContent()).toBe(copy[lang].heading);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);

    const email = uniqueEmail(`e2e-${lang}`);
    const name = `Szkoła E2E ${lang} ${Math.random().toString(36).slice(2, 7)}`;
    const goodNip = validNip();
    await fillForm(page, lang, { name, email, nip: '1234567890' });
    await page.getByRole('button', { name: copy[lang].submit }).click();
    await page.waitForLoadState('domcontentloaded');

    const nipField = page.locator('#f-organisation-nip');
    await expect.poll(() => nipField.getAttribute('aria-invalid')).toBe('true');
    expect(await nipField.getAttribute('aria-describedby')).toContain('e-organisation-nip');
    expect(await page.locator('#e-organisation-nip').textContent()).toBe(copy[lang].nipError);
    expect(await page.locator('#error-summary').evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    // What the applicant typed is still there.
    expect(await page.locator('#f-organisation-name').inputValue()).toBe(name);
    await page.screenshot({ path: screenshotPath(`apply-${lang}-nip-error.png`), fullPage: true });

    await nipField.fill(goodNip);
    await field(page, lang, 'consents.statute').check();
    await field(page, lang, 'consents.dataProcessing').check();
    await page.getByRole('button', { name: copy[lang].submit }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(copy[lang].thanks);
    expect(page.url()).toContain(`/apply?submitted=1&lang=`);
    await page.screenshot({ path: screenshotPath(`apply-${lang}-thanks.png`), fullPage: true });

    const [verification] = await waitForEmails(email, 1);
    expect(verification!.subject).toContain(copy[lang].subject);
    expect(await item(storedKeys.organisationLock(`PL-NIP-${goodNip}`))).toBeDefined();
    await page.close();
  });
});

describe('without JavaScript', () => {
  it('the plain HTML form still submits', async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${api.baseUrl()}/apply?lang=en`);
    const email = uniqueEmail('e2e-nojs');
    await fillForm(page, 'en', { name: `No-JS school ${Math.random().toString(36).slice(2, 7)}`, email, nip: validNip() });
    await page.getByRole('button', { name: copy.en.submit }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(copy.en.thanks);
    expect(await waitForEmails(email, 1)).toHaveLength(1);
    await context.close();
  });
});
