import { describe, expect, it } from 'vitest';
import { config } from '../../shared/config.js';
import { rejectedApplicationRetentionDays } from '../../shared/domain/applications/application.js';
import { consentTextVersion, privacyNoticeVersion } from '../../shared/domain/organisations/reference-data.js';
import { useLocalApi } from '../support/local-api.js';
import { waitForEmails } from '../support/mailbox.js';
import { applicationBody, item, verifyLink, verifyToken } from '../support/organisations.js';
import { useMailer } from '../support/stream-poller.js';
import { storedKeys } from '../support/stored-keys.js';

/*
 * Privacy by design (issue 12, item 2): the form gives the GDPR Art. 13
 * information in the page's language; the notice's version is stored with
 * every consent; a rejected application is deleted by TTL after the stated
 * period, an unconfirmed one when its link expires.
 */
const api = useLocalApi();
useMailer();

describe('the application form’s privacy notice', () => {
  it.each([
    ['pl', '', ['Administrator danych', 'Cele', 'Podstawa prawna', 'Okres przechowywania', 'Prawa', 'Kontakt'], `odrzucony — ${rejectedApplicationRetentionDays} dni po decyzji`],
    ['en', '?lang=en', ['Controller', 'Purposes', 'Legal basis', 'Retention', 'Your rights', 'Contact'], `a rejected one ${rejectedApplicationRetentionDays} days after the decision`],
  ])('%s: controller, purposes, legal basis, retention, rights and contact, with its version', async (_lang, query, headings, retention) => {
    const page = await api.call('GET', `/apply${query}`);
    expect(page.status).toBe(200);
    const notice = /<section class="privacy-notice"[\s\S]*?<\/section>/.exec(page.text)?.[0] ?? '';
    for (const heading of headings) expect(notice).toContain(`<dt>${heading}</dt>`);
    expect(notice).toContain(retention);
    expect(notice).toContain('Art. 6');
    expect(notice).toContain('35');
    // The office: the address the cluster's emails come from.
    const office = /<([^>]+)>/.exec(config.MAIL_FROM)![1]!;
    expect(notice).toContain(`<a href="mailto:${office}">${office}</a>`);
    expect(notice).toContain(`<dd>${privacyNoticeVersion}</dd>`);
  });

  it('stores the notice’s version with every consent; a rejection sets the TTL of the stated period', async () => {
    const body = applicationBody();
    const submitted = await api.call('POST', '/applications', { json: body });
    expect(submitted.status).toBe(202);
    const applicationId = submitted.json.applicationId as string;
    const stored = await item(storedKeys.application(applicationId));
    for (const kind of ['statute', 'dataProcessing', 'marketing']) expect(stored!.consents[kind]).toMatchObject({ textVersion: consentTextVersion, noticeVersion: privacyNoticeVersion });
    // Unconfirmed: deleted when the 7-day link expires.
    expect(stored!.expiresAt).toBe(Math.floor(Date.parse(stored!.createdAt) / 1000) + 7 * 86_400);

    const [verification] = await waitForEmails(body.contact.email, 1);
    expect((await api.call('POST', '/applications/verify', { form: { token: verifyToken(verifyLink(verification!.body.text)) } })).status).toBe(200);
    expect(await item(storedKeys.application(applicationId))).not.toHaveProperty('expiresAt');
    const rejected = await api.call('POST', `/admin/applications/${applicationId}/reject`, { role: 'admin', json: { reason: 'Poza regionem.' } });
    expect(rejected.status).toBe(200);
    expect(await item(storedKeys.application(applicationId))).toMatchObject({
      status: 'REJECTED',
      expiresAt: Math.floor(Date.parse(rejected.json.decidedAt) / 1000) + rejectedApplicationRetentionDays * 86_400,
    });
  });
});
