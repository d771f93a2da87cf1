import { describe, expect, it } from 'vitest';
import { storedKeys } from '../support/stored-keys.js';
import { useLocalApi } from '../support/local-api.js';
import { waitForEmails } from '../support/mailbox.js';
import { applicationBody, asForm, item, validNip } from '../support/organisations.js';
import { useMailer } from '../support/stream-poller.js';
import { queuedMessagesTo } from '../support/queued-messages.js';

const api = useLocalApi();
useMailer();
const browser = { accept: 'text/html,application/xhtml+xml' };

describe('POST /applications', () => {
  it('stores the application with its consents and sends the verification email', async () => {
    const body = applicationBody({ language: 'en' });
    const before = Date.now();
    const answer = await api.call('POST', '/applications', { json: body });
    expect(answer.status).toBe(202);
    expect(answer.json).toEqual({ applicationId: expect.any(String), status: 'PENDING_VERIFICATION' });

    const stored = await item(storedKeys.application(answer.json.applicationId));
    expect(stored).toMatchObject({
      status: 'PENDING_VERIFICATION',
      organisation: { name: body.organisation.name, nip: body.organisation.nip, country: 'PL' },
      contact: { email: body.contact.email },
      interests: ['it', 'vocational_education'],
      consents: {
        statute: { accepted: true, textVersion: expect.any(String), lang: 'en', at: expect.any(String) },
        marketing: { accepted: false },
      },
    });
    const sevenDays = 7 * 86_400;
    expect(stored!.expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) + sevenDays - 5);
    expect(stored!.expiresAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + sevenDays + 5);
    expect(await item(storedKeys.organisationLock(`PL-NIP-${body.organisation.nip}`))).toMatchObject({ owner: answer.json.applicationId });

    const [email] = await waitForEmails(body.contact.email, 1);
    expect(email!.subject).toBe('Confirm your email – GLOKAL Cluster membership application');
    expect(email!.body.text).toMatch(/Confirm my email address: http:\/\/localhost:3999\/applications\/verify\?token=[\w-]{20,}/);
    expect(email!.body.html).toContain(body.organisation.name);
  });

  it('accepts an HTML form post and redirects the browser to the thank-you page', async () => {
    const body = applicationBody({ language: 'en' });
    const answer = await api.call('POST', '/applications', { form: { ...asForm(body), interests: 'it' }, headers: browser });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/apply?submitted=1&lang=en');
    expect(await waitForEmails(body.contact.email, 1)).toHaveLength(1);
    const thanks = await api.call('GET', '/apply?submitted=1&lang=en');
    expect(thanks.text).toContain('Check your mailbox');
  });

  it('answers in the form page’s language, and a form sent twice after Back with a fresh form', async () => {
    const body = applicationBody({ language: 'en' });
    const form = { ...asForm(body), formLanguage: 'pl', idempotencyKey: `form-${validNip()}` };
    const answer = await api.call('POST', '/applications', { form, headers: browser });
    expect(answer.headers.get('location')).toBe('/apply?submitted=1&lang=pl');

    const changed = await api.call('POST', '/applications', { form: { ...form, 'contact.role': 'Wicedyrektor' }, headers: browser });
    expect(changed.status).toBe(409);
    expect(changed.headers.get('content-type')).toContain('text/html');
    expect(changed.text).toContain('Ten formularz został już wysłany');
    expect(changed.text).toContain('value="Wicedyrektor"');
    expect(changed.text).not.toContain(`value="${form.idempotencyKey}"`);
  });

  it('answers a program posting form fields with JSON, not a redirect', async () => {
    const answer = await api.call('POST', '/applications', { form: asForm(applicationBody()) });
    expect(answer.status).toBe(202);
    expect(answer.json.status).toBe('PENDING_VERIFICATION');
  });

  it('names every failing field and writes nothing', async () => {
    const body = applicationBody();
    const nip = body.organisation.nip;
    const broken = {
      ...body,
      organisation: { ...body.organisation, nip: `${nip.slice(0, 9)}${(Number(nip[9]) + 1) % 10}`, regon: '123456789', address: { ...body.organisation.address, postalCode: '50138', voivodeship: '' } },
      contact: { ...body.contact, email: 'not-an-email' },
      interests: [],
      consents: { statute: false, dataProcessing: true },
    };
    const answer = await api.call('POST', '/applications', { json: broken });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('VALIDATION_FAILED');
    expect(answer.json.error.fields.map((field: { path: string }) => field.path).sort()).toEqual([
      'consents.statute',
      'contact.email',
      'interests',
      'organisation.address.postalCode',
      'organisation.address.voivodeship',
      'organisation.nip',
      'organisation.regon',
    ]);
    expect(await item(storedKeys.organisationLock(`PL-NIP-${broken.organisation.nip}`))).toBeUndefined();
    expect(await queuedMessagesTo(body.contact.email)).toEqual([]);
  });

  it('shows a browser the form again with the error at the field and its values kept', async () => {
    const form: Record<string, string | string[]> = { ...asForm(applicationBody({ language: 'pl' })), 'organisation.nip': '1234567890' };
    const answer = await api.call('POST', '/applications', { form, headers: browser });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('text/html');
    expect(answer.text).toMatch(/<p class="error" id="e-organisation-nip">Podaj poprawny NIP: 10 cyfr z prawidłową sumą kontrolną.<\/p><input type="text" id="f-organisation-nip" name="organisation.nip" value="1234567890"[^>]*aria-invalid="true" aria-describedby="e-organisation-nip/);
    expect(answer.text).toContain(`value="${form['organisation.name']}"`);
    expect(answer.text).toContain('<a href="#f-organisation-nip">');
  });

  it('handles foreign organisations by country and registry number', async () => {
    const body = applicationBody();
    const foreign = { ...body, organisation: { ...body.organisation, country: 'DE', nip: '', address: { street: 'Hauptstraße 5', postalCode: '01067', city: 'Dresden', voivodeship: '' } } };
    const missing = await api.call('POST', '/applications', { json: foreign });
    expect(missing.status).toBe(400);
    expect(missing.json.error.fields).toEqual([{ path: 'organisation.registryNumber', message: expect.any(String) }]);
    const registryNumber = `DE${validNip()}`;
    const accepted = await api.call('POST', '/applications', { json: { ...foreign, organisation: { ...foreign.organisation, registryNumber } } });
    expect(accepted.status).toBe(202);
    const again = await api.call('POST', '/applications', { json: { ...foreign, organisation: { ...foreign.organisation, registryNumber: registryNumber.toLowerCase() } } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('REGISTRY_NUMBER_TAKEN');
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const body = { ...applicationBody(), homepage: 'http://spam.example' };
    const answer = await api.call('POST', '/applications', { json: body });
    expect(answer.status).toBe(202);
    expect(answer.json.status).toBe('PENDING_VERIFICATION');
    expect(await item(storedKeys.application(answer.json.applicationId))).toBeUndefined();
    expect(await item(storedKeys.organisationLock(`PL-NIP-${body.organisation.nip}`))).toBeUndefined();
    expect(await queuedMessagesTo(body.contact.email)).toEqual([]);
  });

  it('refuses a NIP that has an open application with 409 naming the field', async () => {
    const first = applicationBody();
    expect((await api.call('POST', '/applications', { json: first })).status).toBe(202);
    const second = applicationBody({ nip: `PL ${first.organisation.nip.slice(0, 3)}-${first.organisation.nip.slice(3)}` });
    const answer = await api.call('POST', '/applications', { json: second });
    expect(answer.status).toBe(409);
    expect(answer.json.error).toMatchObject({ code: 'NIP_TAKEN', fields: [{ path: 'organisation.nip' }] });
  });

  it('replays the first answer for a retried Idempotency-Key and writes nothing new', async () => {
    const body = applicationBody();
    const headers = { 'idempotency-key': `key-${validNip()}` };
    const [first, second] = await Promise.all([api.call('POST', '/applications', { json: body, headers }), api.call('POST', '/applications', { json: body, headers })]);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.json).toEqual(first.json);
    const third = await api.call('POST', '/applications', { json: body, headers });
    expect(third.json).toEqual(first.json);
    expect(await queuedMessagesTo(body.contact.email)).toHaveLength(1);
    await waitForEmails(body.contact.email, 1);

    const other = await api.call('POST', '/applications', { json: applicationBody(), headers });
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});
