import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { invokeFunction } from '../../infra/local/load-handler.js';
import { manifest } from '../../infra/manifest.js';
import { recipientRepository } from '../../shared/adapters/dynamo/recipient-repository.js';
import { config } from '../../shared/config.js';
import { addressHash } from '../../shared/platform/address-hash.js';
import { eventually } from '../support/eventually.js';
import { eightAm, grantBody } from '../support/grants.js';
import { scheduledEvent } from '../support/invitations.js';
import { useLocalApi } from '../support/local-api.js';
import { sentEmails, uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { linkIn } from '../support/members.js';
import { applicationBody, item, verifyLink, verifyToken } from '../support/organisations.js';
import { useMailer } from '../support/stream-poller.js';
import { settledTableDump, tableDump } from '../support/table-dump.js';

/*
 * Data subject requests (issue 12, item 3) after a whole workflow: a person
 * applies, becomes a member's primary contact, is added to a second member
 * (an unconfirmed address with its confirmation link), invited to an event
 * through the invitation run and accepts, is reminded 7 days before it,
 * gets a grant deadline digest and marks its call not relevant, is an extra
 * invitee of another event, and bounces once. The export holds each of
 * these; the erasure leaves the address, the name and the phone nowhere
 * in the table; the mailer still refuses the address, found by its hash.
 */

const api = useLocalApi();
useMailer();

const reminders = manifest.find((fn) => fn.name === 'event-reminders')!;
const random = () => Math.floor(Math.random() * 1_000_000);

/** One person, with an address, name and phone found nowhere else in the table. */
function person() {
  const email = uniqueEmail('subject');
  const name = `Zofia Erazmus-${random()}`;
  const phone = `+48 71 ${String(100 + (random() % 900))} ${String(10 + (random() % 90))} ${String(10 + (random() % 90))}`;
  return { email, name, phone };
}

/** Applies, confirms the address and is approved: the member's id, the application's id. */
async function approved(body: ReturnType<typeof applicationBody>) {
  const submitted = await api.call('POST', '/applications', { json: body });
  expect(submitted.status).toBe(202);
  const [verification] = await waitForEmails(body.contact.email, 1);
  expect((await api.call('POST', '/applications/verify', { form: { token: verifyToken(verifyLink(verification!.body.text)) } })).status).toBe(200);
  const decided = await api.call('POST', `/admin/applications/${submitted.json.applicationId}/approve`, { role: 'admin' });
  expect(decided.status).toBe(200);
  return { memberId: decided.json.memberId as string, applicationId: submitted.json.applicationId as string };
}

const path = (email: string, action: 'export' | 'erase') => `/admin/contacts/${encodeURIComponent(email)}/${action}`;

/** The whole workflow for one person; what the export must then show. */
async function wholeWorkflow() {
  const subject = person();
  const body = applicationBody({ email: subject.email });
  body.contact = { ...body.contact, name: subject.name, phone: subject.phone };
  const first = await approved(body);
  const second = await approved(applicationBody());

  // Added by an administrator to a second member: an unconfirmed contact and a confirmation link to the address.
  const added = await api.call('POST', `/admin/members/${second.memberId}/contacts`, { role: 'admin', json: { name: subject.name, email: subject.email, phone: subject.phone, role: 'Koordynator' } });
  expect(added.status, added.text).toBe(201);
  await waitForEmails(subject.email, 1, 10_000, (email) => email.body.text?.includes('/contacts/confirm/') ?? false);

  // Invited through the run (the audience is every active member), and accepts from the email.
  const eventId = await scheduledEvent(api.call);
  expect((await api.call('POST', `/admin/events/${eventId}/invitations`, { role: 'admin' })).status).toBe(202);
  const [invitation] = await waitForEmails(subject.email, 1, 20_000, (email) => email.body.text?.includes('/rsvp/') ?? false);
  const accepted = await api.call('POST', linkIn(invitation, '/rsvp/'), { json: { response: 'accept' } });
  expect(accepted.status, accepted.text).toBe(200);

  // Reminded 7 days before the start (09:00 Warsaw time, winter: 08:00Z).
  await invokeFunction(reminders, { version: '0', id: 'reminders', 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time: '2030-01-14T08:00:00Z', detail: {} });
  await waitForEmails(subject.email, 1, 20_000, (email) => /^(Przypomnienie|Reminder):/.test(email.subject));

  // A grant deadline digest (the call matches the member's interests), and its "not relevant" link pressed.
  expect((await api.call('POST', '/admin/grants', { role: 'admin', json: grantBody({ callIdentifier: `DSR-${random()}`, deadline: '2027-11-17T12:00', audience: { scope: 'segment', memberTypes: [], interests: ['it'] }, offsets: [7] }) })).status).toBe(201);
  const day = '2027-11-10';
  await invokeFunction(manifest.find((fn) => fn.name === 'grant-deadline-reminders')!, { version: '0', id: `grant-${day}`, 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time: eightAm(day).toISOString(), detail: {} });
  const [digest] = await waitForEmails(subject.email, 1, 30_000, (email) => email.body.text?.includes('/grant-reminders/') ?? false);
  expect((await api.call('POST', linkIn(digest, '/grant-reminders/'), { form: {} })).status).toBe(200);

  // An extra invitee of another event, and a bounce that suppressed the address.
  const otherEventId = await scheduledEvent(api.call, { extraInvitees: [{ email: subject.email, name: subject.name, language: 'en' }] });
  await recipientRepository.suppress(subject.email, 'BOUNCE', 'Permanent: mailbox full for a while', new Date());
  await settledTableDump(30_000);
  return { subject, first, second, eventId, otherEventId };
}

describe('data subject requests', () => {
  it('export lists every category held about the address; erasure leaves its address, name and phone nowhere; the mailer still refuses it', { timeout: 180_000 }, async () => {
    const { subject, first, second, eventId, otherEventId } = await wholeWorkflow();
    const upper = subject.email.toUpperCase();

    // The address in the path, percent-encoded and in another case, is the same address.
    const exported = await api.call('GET', path(upper, 'export'), { role: 'admin' });
    expect(exported.status, exported.text).toBe(200);
    const data = exported.json;
    expect(data.address).toBe(subject.email);
    expect(data.backups).toMatch(/35 days/);
    expect(data.applications).toEqual([expect.objectContaining({ applicationId: first.applicationId, contact: expect.objectContaining({ email: subject.email, name: subject.name, phone: subject.phone }) })]);
    expect(data.contacts.map((contact: { memberId: string }) => contact.memberId).sort()).toEqual([first.memberId, second.memberId].sort());
    expect(data.consents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: `application/${first.applicationId}`, kind: 'dataProcessing', accepted: true, textVersion: expect.any(String), noticeVersion: expect.any(String), lang: 'pl' }),
        expect.objectContaining({ source: expect.stringMatching(`^member/${first.memberId}/contact/`), kind: 'statute', accepted: true }),
      ]),
    );
    expect(data.contactConfirmations).toEqual([expect.objectContaining({ memberId: second.memberId, email: subject.email })]);
    expect(data.contactConfirmations[0]).not.toHaveProperty('tokenHash');
    expect(data.invitations).toEqual([expect.objectContaining({ eventId, answer: 'ACCEPTED', email: subject.email })]);
    expect(data.extraInvitations).toEqual([expect.objectContaining({ eventId: otherEventId, name: subject.name })]);
    expect(data.remindersSent.map((message: { template: string }) => message.template).sort()).toEqual(['event-reminder', 'grant-reminder-digest']);
    expect(data.grantLinks.map((link: { purpose: string }) => link.purpose).sort()).toEqual(['calendar', 'not-relevant', 'stop']);
    expect(data.grantLinks[0]).not.toHaveProperty('tokenHash');
    expect(data.grantOptOuts).toEqual([expect.objectContaining({ callId: expect.any(String), markedAt: expect.any(String) })]);
    expect(data.outboxMessages.map((message: { template: string }) => message.template)).toEqual(
      expect.arrayContaining(['application-verification', 'application-approved', 'contact-confirmation', 'event-invitation', 'rsvp-confirmation', 'event-reminder']),
    );
    expect(data.preferences).toMatchObject({ email: subject.email, unsubscribed: [] });
    expect(data.suppression).toMatchObject({ email: subject.email, reason: 'BOUNCE' });
    expect(data.auditEntries.map((entry: { action: string }) => entry.action)).toEqual(expect.arrayContaining(['application.approve', 'contact.add']));
    expect(data).not.toHaveProperty('erasure');

    // Before: the table holds all three (so the search below can find them).
    const held = (await tableDump()).join('\n').toLowerCase();
    for (const value of [subject.email, subject.name, subject.phone]) expect(held).toContain(value.toLowerCase());

    const erased = await api.call('POST', path(subject.email, 'erase'), { role: 'admin' });
    expect(erased.status, erased.text).toBe(200);
    const hash = addressHash(config.LINK_SIGNING_KEY!, subject.email);
    expect(erased.json).toMatchObject({ addressHash: hash, removed: { applications: 1, contacts: 2, contactConfirmations: 1, invitations: 1, extraInvitations: 1, grantLinks: 3, grantOptOuts: 1 }, backups: expect.stringMatching(/35 days/) });
    expect(erased.text).not.toContain(subject.email);

    // The whole table: no address (in any case), no name, no phone; index keys included.
    const dump = (await settledTableDump(30_000)).join('\n').toLowerCase();
    for (const held of [subject.email, subject.name, subject.phone]) expect(dump).not.toContain(held.toLowerCase());
    expect(dump).toContain(`"pk":"erased#${hash.toLowerCase()}"`);

    // What the audit keeps: that an erasure happened, by whom, naming the address by its hash only.
    const audit = await api.call('GET', `/admin/audit?target=${encodeURIComponent(`address/${hash}`)}`, { role: 'admin' });
    expect(audit.status).toBe(200);
    expect(audit.json.items.map((entry: { action: string }) => entry.action)).toEqual(['data-subject.erase', 'data-subject.export']);
    expect(JSON.stringify(audit.json)).not.toContain(subject.email);

    // The member keeps going without the contact; the other event's extra invitee is anonymised.
    const member = await api.call('GET', `/admin/members/${first.memberId}`, { role: 'admin' });
    expect(member.json.contacts).toEqual([]);
    const other = await api.call('GET', `/admin/events/${otherEventId}`, { role: 'admin' });
    expect(other.json.extraInvitees).toEqual([expect.objectContaining({ email: expect.stringMatching(/@erased\.invalid$/), name: '—' })]);

    // After the erasure the export says only that it happened.
    const after = await api.call('GET', path(subject.email, 'export'), { role: 'admin' });
    expect(after.status).toBe(200);
    expect(after.json).toMatchObject({ erasure: { erasedAt: erased.json.erasedAt }, applications: [], contacts: [], invitations: [], outboxMessages: [], preferences: null, suppression: null });

    // Applying again with the address: stored, but its verification email is never sent (suppressed by hash).
    const before = (await sentEmails(subject.email)).length;
    const again = await api.call('POST', '/applications', { json: applicationBody({ email: subject.email }) });
    expect(again.status).toBe(202);
    const queued = await eventually(
      async () => (await tableDump()).map((line) => JSON.parse(line) as Record<string, unknown>).find((stored) => stored.entity === 'OUTBOX' && stored.to === subject.email),
      (message) => message?.status === 'SUPPRESSED',
      15_000,
    );
    expect(queued).toMatchObject({ status: 'SUPPRESSED', lastError: 'ERASED' });
    expect(await sentEmails(subject.email)).toHaveLength(before);
  });

  it('refuses viewers (403), a malformed address (400 naming email) and an unknown address (404), writing nothing', async () => {
    const { email } = person();
    const body = applicationBody({ email });
    expect((await api.call('POST', '/applications', { json: body })).status).toBe(202);
    await waitForEmails(email, 1);
    const before = await settledTableDump();
    for (const action of ['export', 'erase'] as const) {
      const method = action === 'export' ? 'GET' : 'POST';
      const viewer = await api.call(method, path(email, action), { role: 'viewer' });
      expect(viewer.status).toBe(403);
      expect(viewer.json.error.code).toBe('FORBIDDEN');
      const malformed = await api.call(method, path('not-an-address', action), { role: 'admin' });
      expect(malformed.status).toBe(400);
      expect(malformed.json.error.fields).toEqual([expect.objectContaining({ path: 'email' })]);
      const unknown = await api.call(method, path(uniqueEmail('nobody'), action), { role: 'admin' });
      expect(unknown.status).toBe(404);
      expect(unknown.json.error.code).toBe('NOT_FOUND');
    }
    expect(await tableDump()).toEqual(before);
    expect(await item({ pk: `ERASED#${addressHash(config.LINK_SIGNING_KEY!, email)}`, sk: 'SUPPRESSION' })).toBeUndefined();
  });

  it('the sample events in events/http export and erase the sample address, and list the audit', async () => {
    const sampleAddress = 'anna.kowalska@szkola.example.pl';
    expect((await api.call('POST', '/applications', { json: applicationBody({ email: sampleAddress }) })).status).toBe(202);
    const invoke = async (name: string) => {
      const result = (await invokeFunction(manifest.find((fn) => fn.name === name)!, JSON.parse(readFileSync(`events/http/${name}.json`, 'utf8')))) as { statusCode: number; body: string };
      return { status: result.statusCode, json: JSON.parse(result.body) };
    };
    const exported = await invoke('export-contact-data');
    expect(exported.status).toBe(200);
    expect(exported.json.applications).toEqual([expect.objectContaining({ contact: expect.objectContaining({ email: sampleAddress }) })]);
    const erased = await invoke('erase-contact-data');
    expect(erased).toMatchObject({ status: 200, json: { removed: { applications: 1 } } });
    const listed = await invoke('list-audit');
    expect(listed).toMatchObject({ status: 200, json: { items: [] } });
  });
});
