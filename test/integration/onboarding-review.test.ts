import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { config } from '../../shared/config.js';
import { applicationDependencies } from '../../shared/composition/applications.js';
import { storedKeys } from '../support/stored-keys.js';
import { submitApplication } from '../../shared/domain/applications/submit-application.js';
import { submitApplicationBody } from '../../shared/contracts/application-input.js';
import { fixedClock } from '../../shared/platform/clock.js';
import { hashToken } from '../../shared/platform/ids.js';
import { useLocalApi } from '../support/local-api.js';
import { waitForEmails } from '../support/mailbox.js';
import { applicationBody, item, partition, verifyLink, verifyToken } from '../support/organisations.js';
import { useMailer } from '../support/stream-poller.js';
import { queuedMessagesTo } from '../support/queued-messages.js';

const api = useLocalApi();
useMailer();
const office = process.env.ADMIN_EMAILS!;

const emailsAbout = (to: string, text: string, count = 1) =>
  waitForEmails(to, count, 10_000, (email) => email.subject.includes(text) || (email.body.text ?? '').includes(text));

/** The confirmation page's button, as a browser posts it. */
const confirm = (link: string, headers: Record<string, string> = {}) => api.call('POST', '/applications/verify', { form: { token: verifyToken(link) }, headers });

/** Applies, opens the verification link and presses its button, as an applicant would. */
async function submittedApplication(overrides: Parameters<typeof applicationBody>[0] = {}) {
  const body = applicationBody(overrides);
  const answer = await api.call('POST', '/applications', { json: body });
  expect(answer.status).toBe(202);
  const [email] = await waitForEmails(body.contact.email, 1);
  const link = verifyLink(email!.body.text);
  expect((await api.call('GET', link)).status).toBe(200);
  const verified = await confirm(link);
  return { body, applicationId: answer.json.applicationId as string, verified, link };
}

describe('email verification', () => {
  it('opening the link changes nothing (mail scanners open links): the page’s button confirms', async () => {
    const body = applicationBody({ language: 'en' });
    const answer = await api.call('POST', '/applications', { json: body });
    const [email] = await waitForEmails(body.contact.email, 1);
    const link = verifyLink(email!.body.text);
    const opened = await Promise.all([api.call('GET', link), api.call('GET', link)]);
    expect(opened[0]!.status).toBe(200);
    expect(opened[0]!.text).toContain('Confirm your email');
    expect(opened[0]!.text).toContain(body.organisation.name);
    expect(opened[0]!.text).toMatch(/<form method="post" action="\/applications\/verify"><input type="hidden" name="token" value="[\w-]+"><button type="submit">Confirm my email address<\/button>/);
    expect(await item(storedKeys.application(answer.json.applicationId))).toMatchObject({ status: 'PENDING_VERIFICATION' });
    expect(await item(storedKeys.verification(hashToken(verifyToken(link))))).not.toHaveProperty('usedAt');

    const confirmed = await confirm(link);
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('Email confirmed');
    expect(await item(storedKeys.application(answer.json.applicationId))).toMatchObject({ status: 'SUBMITTED' });
  });

  it('after a decision, the link and its button say the application was decided, without the reason', async () => {
    const { applicationId, link } = await submittedApplication({ language: 'en' });
    const reason = 'Organisation outside the cluster’s region, unfortunately.';
    expect((await api.call('POST', `/admin/applications/${applicationId}/reject`, { role: 'admin', json: { reason } })).status).toBe(200);
    for (const answer of [await api.call('GET', link), await confirm(link)]) {
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('Application decided');
      expect(answer.text).not.toContain('awaits the Cluster office');
      expect(answer.text).not.toContain(reason);
    }
  });

  it('confirms the application in the applicant’s language and notifies administrators', async () => {
    const { body, applicationId, verified } = await submittedApplication({ language: 'en' });
    expect(verified.status).toBe(200);
    expect(verified.text).toContain('<html lang="en">');
    expect(verified.text).toContain('Email confirmed');
    expect(verified.text).toContain(body.organisation.name);

    const stored = await item(storedKeys.application(applicationId));
    expect(stored).toMatchObject({ status: 'SUBMITTED', submittedAt: expect.any(String) });
    expect(stored!.expiresAt).toBeUndefined();
    expect((await item(storedKeys.organisationLock(`PL-NIP-${body.organisation.nip}`)))!.expiresAt).toBeUndefined();

    const [notice] = await emailsAbout(office, body.organisation.name);
    expect(notice!.subject).toBe(`Nowy wniosek o członkostwo: ${body.organisation.name}`);
    expect(notice!.body.text).toContain(`/admin/applications/${applicationId}`);
  });

  it('answers a second click, an unknown token and a missing token with clear pages', async () => {
    const body = applicationBody();
    await api.call('POST', '/applications', { json: body });
    const [email] = await waitForEmails(body.contact.email, 1);
    const link = verifyLink(email!.body.text);
    const [first, second] = await Promise.all([confirm(link), confirm(link)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([first.text, second.text].some((text) => text.includes('Adres e-mail potwierdzony'))).toBe(true);
    const third = await confirm(link);
    expect(third.text).toContain('Adres już potwierdzony');
    expect(await emailsAbout(office, body.organisation.name)).toHaveLength(1);

    const unknown = await api.call('GET', '/applications/verify?token=made-up-token-that-never-existed');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Nieznany link');
    expect(unknown.text).not.toMatch(/Exception|stack trace|Internal Server Error|"error":/i);
    expect((await api.call('GET', '/applications/verify')).status).toBe(404);
    expect((await api.call('POST', '/applications/verify', { form: {} })).status).toBe(404);
    expect((await api.call('POST', '/applications/verify', { form: { token: 'made-up-token-that-never-existed' } })).status).toBe(404);
  });

  it('refuses a link older than 7 days with a page that leads back to the form', async () => {
    const body = applicationBody({ language: 'en' });
    const eightDaysAgo = fixedClock(new Date(Date.now() - 8 * 86_400_000));
    const expired = await submitApplication(submitApplicationBody.parse(body), undefined, { ...applicationDependencies, clock: eightDaysAgo });
    const [email] = await waitForEmails(body.contact.email, 1);
    const answer = await api.call('GET', verifyLink(email!.body.text));
    expect(answer.status).toBe(410);
    expect(answer.text).toContain('Link expired');
    expect(answer.text).toContain('href="/apply?lang=en"');
    // The expired application no longer holds the NIP.
    expect((await api.call('POST', '/applications', { json: applicationBody({ nip: body.organisation.nip }) })).status).toBe(202);
    // Once TTL has deleted the application itself, the link still explains itself in the applicant's language.
    await documentClient.send(new DeleteCommand({ TableName: config.TABLE_NAME, Key: storedKeys.application(expired.applicationId) }));
    const afterTtl = await confirm(verifyLink(email!.body.text));
    expect(afterTtl.status).toBe(410);
    expect(afterTtl.text).toContain('Link expired');
  });
});

describe('admin review', () => {
  it('lists applications newest first, by status, page by page, and reads one', async () => {
    const older = await submittedApplication();
    const newer = await submittedApplication();
    const page = await api.call('GET', '/admin/applications?status=SUBMITTED&limit=1', { role: 'viewer' });
    expect(page.status).toBe(200);
    expect(page.json.items).toEqual([expect.objectContaining({ applicationId: newer.applicationId, status: 'SUBMITTED', organisationName: newer.body.organisation.name })]);
    const next = await api.call('GET', `/admin/applications?status=SUBMITTED&limit=1&cursor=${page.json.nextCursor}`, { role: 'viewer' });
    expect(next.json.items[0].applicationId).toBe(older.applicationId);

    const all = await api.call('GET', '/admin/applications?limit=100', { role: 'admin' });
    const ids = all.json.items.map((entry: { applicationId: string }) => entry.applicationId);
    expect(ids.indexOf(newer.applicationId)).toBeLessThan(ids.indexOf(older.applicationId));

    const one = await api.call('GET', `/admin/applications/${older.applicationId}`, { role: 'viewer' });
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({ applicationId: older.applicationId, status: 'SUBMITTED', contact: { email: older.body.contact.email } });
    expect(one.json.pk).toBeUndefined();
    expect((await api.call('GET', '/admin/applications/no-such-id', { role: 'viewer' })).status).toBe(404);
  });

  it('approval creates the member and its primary contact, sends the welcome email, and is audited', async () => {
    const { body, applicationId } = await submittedApplication({ language: 'en', type: 'university', interests: ['it', 'tourism'] });
    expect((await api.call('POST', `/admin/applications/${applicationId}/approve`, { role: 'viewer' })).status).toBe(403);
    const answer = await api.call('POST', `/admin/applications/${applicationId}/approve`, { role: 'admin' });
    expect(answer.status).toBe(200);
    // The deciding administrator by the token's subject, never by address.
    expect(answer.json).toMatchObject({ status: 'APPROVED', memberId: expect.any(String), decidedBy: expect.stringMatching(/^local-[0-9a-f]+$/) });
    const memberId = answer.json.memberId as string;

    const items = await partition(storedKeys.memberPartition(memberId));
    expect(items.find((entry) => entry.entity === 'MEMBER')).toMatchObject({ name: body.organisation.name, type: 'university', status: 'ACTIVE', nip: body.organisation.nip, applicationId });
    expect(items.find((entry) => entry.entity === 'CONTACT')).toMatchObject({ email: body.contact.email, primary: true, language: 'en' });
    expect(items.filter((entry) => entry.entity === 'MEMBER_INTEREST').map((entry) => entry.interest).sort()).toEqual(['it', 'tourism']);
    expect(await item(storedKeys.organisationLock(`PL-NIP-${body.organisation.nip}`))).toMatchObject({ owner: memberId, ownerKind: 'member' });

    const [welcome] = await emailsAbout(body.contact.email, 'Welcome');
    expect(welcome!.subject).toBe(`Welcome to the GLOKAL Education Cluster – ${body.organisation.name}`);
    expect(welcome!.body.text).toContain('First steps');

    const audit = await partition(`AUDIT#${answer.json.decidedAt.slice(0, 10)}`);
    expect(audit).toContainEqual(expect.objectContaining({ action: 'application.approve', target: `application/${applicationId}`, before: { status: 'SUBMITTED' }, actor: { subject: answer.json.decidedBy } }));

    const again = await api.call('POST', `/admin/applications/${applicationId}/approve`, { role: 'admin' });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('ALREADY_DECIDED');
    // The organisation is now a member: its NIP cannot apply again.
    const duplicate = await api.call('POST', '/applications', { json: applicationBody({ nip: body.organisation.nip }) });
    expect(duplicate.status).toBe(409);
  });

  it('two administrators deciding at the same moment produce one outcome', async () => {
    const { body, applicationId } = await submittedApplication();
    const answers = await Promise.all([
      api.call('POST', `/admin/applications/${applicationId}/approve`, { role: 'admin' }),
      api.call('POST', `/admin/applications/${applicationId}/approve`, { role: 'admin' }),
      api.call('POST', `/admin/applications/${applicationId}/reject`, { role: 'admin', json: { reason: 'Duplicate of another application.' } }),
    ]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    const winner = answers.find((answer) => answer.status === 200)!;
    const stored = await item(storedKeys.application(applicationId));
    expect(stored!.status).toBe(winner.json.status);
    const decisions = (await queuedMessagesTo(body.contact.email)).filter((message) => message.template !== 'application-verification');
    expect(decisions.map((message) => message.template)).toEqual([winner.json.status === 'APPROVED' ? 'application-approved' : 'application-rejected']);
    const members = await api.call('GET', '/admin/members?type=school&limit=100', { role: 'viewer' });
    expect(members.json.items.filter((member: { name: string }) => member.name === body.organisation.name)).toHaveLength(winner.json.status === 'APPROVED' ? 1 : 0);
  });

  it('rejection needs a reason, emails it, and frees the NIP for a new application', async () => {
    const { body, applicationId } = await submittedApplication();
    const noReason = await api.call('POST', `/admin/applications/${applicationId}/reject`, { role: 'admin', json: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.fields).toEqual([{ path: 'reason', message: expect.any(String) }]);
    expect((await item(storedKeys.application(applicationId)))!.status).toBe('SUBMITTED');

    const reason = 'Statut Klastra wymaga siedziby lub działalności na Dolnym Śląsku <b>.';
    const answer = await api.call('POST', `/admin/applications/${applicationId}/reject`, { role: 'admin', json: { reason } });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ status: 'REJECTED', rejectionReason: reason });
    expect(await item(storedKeys.application(applicationId))).toMatchObject({ status: 'REJECTED', rejectionReason: reason, decidedBy: expect.stringMatching(/^local-[0-9a-f]+$/) });
    expect(await item(storedKeys.organisationLock(`PL-NIP-${body.organisation.nip}`))).toBeUndefined();
    const audit = await partition(`AUDIT#${answer.json.decidedAt.slice(0, 10)}`);
    expect(audit).toContainEqual(expect.objectContaining({ action: 'application.reject', target: `application/${applicationId}`, after: { status: 'REJECTED', reason } }));
    const [decision] = await emailsAbout(body.contact.email, 'Decyzja');
    expect(decision!.body.text).toContain(`Uzasadnienie: ${reason}`);
    expect(decision!.body.html).toContain('&lt;b&gt;');
    expect((await api.call('POST', '/applications', { json: applicationBody({ nip: body.organisation.nip }) })).status).toBe(202);
  });

  it('only a submitted application can be decided', async () => {
    const pending = await api.call('POST', '/applications', { json: applicationBody() });
    const answer = await api.call('POST', `/admin/applications/${pending.json.applicationId}/approve`, { role: 'admin' });
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe('NOT_SUBMITTED');
    expect((await api.call('POST', '/admin/applications/no-such-id/approve', { role: 'admin' })).status).toBe(404);
  });
});

describe('members', () => {
  it('are listed by type, interest and status through queries, and read with their contacts', async () => {
    const { body, applicationId } = await submittedApplication({ type: 'ngo', interests: ['green_skills', 'languages'] });
    const approved = await api.call('POST', `/admin/applications/${applicationId}/approve`, { role: 'admin' });
    const memberId = approved.json.memberId as string;
    const names = async (query: string) => {
      const answer = await api.call('GET', `/admin/members?${query}&limit=100`, { role: 'viewer' });
      expect(answer.status, answer.text).toBe(200);
      return answer.json.items.map((member: { name: string }) => member.name);
    };

    expect(await names('type=ngo')).toContain(body.organisation.name);
    expect(await names('type=school')).not.toContain(body.organisation.name);
    expect(await names('interest=green_skills')).toContain(body.organisation.name);
    expect(await names('interest=green_skills&type=ngo')).toContain(body.organisation.name);
    expect(await names('interest=tourism')).not.toContain(body.organisation.name);
    expect(await names('status=LEFT')).not.toContain(body.organisation.name);
    const bad = await api.call('GET', '/admin/members?interest=astrology', { role: 'viewer' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0].path).toBe('interest');

    const one = await api.call('GET', `/admin/members/${memberId}`, { role: 'viewer' });
    expect(one.status).toBe(200);
    expect(one.json.member).toMatchObject({ memberId, name: body.organisation.name, interests: ['green_skills', 'languages'] });
    expect(one.json.contacts).toEqual([expect.objectContaining({ email: body.contact.email, primary: true })]);
    expect((await api.call('GET', '/admin/members/nobody', { role: 'viewer' })).status).toBe(404);
  });
});
