import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { deliverDueMessages } from '../../shared/domain/mail/deliver-message.js';
import type { OutboxMessage } from '../../shared/domain/mail/outbox-message.js';
import { invokeFunction } from '../../infra/local/load-handler.js';
import { manifest } from '../../infra/manifest.js';
import { eventually } from '../support/eventually.js';
import { FaultProxy, type FaultMode } from '../support/fault-proxy.js';
import { createdGrant, eightAm } from '../support/grants.js';
import { faultPorts } from '../support/fault-ports.js';
import { invite, invitee, scheduledEvent } from '../support/invitations.js';
import { useLocalApi } from '../support/local-api.js';
import { sentEmails, uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { applicationBody, verifyLink, verifyToken } from '../support/organisations.js';
import { testDelivery } from '../support/outbox-helpers.js';
import { queuedMessagesTo } from '../support/queued-messages.js';
import { useMailer } from '../support/stream-poller.js';

// Before any module reads the configuration: the mailer sends through the proxy, which forwards to the suite's local SES.
await vi.hoisted(async () => {
  const { useSesFaultProxyEnvironment } = await import('../support/fault-ports.js');
  useSesFaultProxyEnvironment();
});

const api = useLocalApi();
useMailer();
const ses = new FaultProxy(faultPorts().sesProxy, Number(process.env.SES_PORT));
beforeAll(() => ses.start());
afterAll(() => ses.stop());
afterEach(() => ses.set('pass'));

const everything = { limit: 500, hasTimeLeft: () => true };

/** The outbox messages queued to an address, whole (a scan of this file's table). */
const outboxTo = async (to: string) => (await queuedMessagesTo(to)) as unknown as OutboxMessage[];

type Expected = Record<string, string[]>;

/** The messages the workflows queued during the fault (templates by recipient). */
const queuedDuringFault = async (expected: Expected) =>
  (await Promise.all(Object.entries(expected).map(async ([to, templates]) => (await outboxTo(to)).filter((message) => templates.includes(message.template))))).flat();

/** Waits, with a deadline, until every message queued during the fault has been tried `attempts` times (and is not being sent). */
function triedAll(expected: Expected, attempts: number, timeoutMs = 30_000): Promise<OutboxMessage[]> {
  const total = Object.values(expected).flat().length;
  const tried = (messages: OutboxMessage[]) => messages.length === total && messages.every((message) => message.attempts >= attempts && message.status !== 'SENDING');
  return eventually(() => queuedDuringFault(expected), tried, timeoutMs, 100);
}

/** The scheduled sweep a while later, when the retries of messages that failed are due; SES in the given state meanwhile. */
async function sweepLater(minutes: number, mode: FaultMode) {
  await ses.set(mode);
  const { deps, clock } = testDelivery();
  clock.set(new Date(Date.now() + minutes * 60_000));
  return (await deliverDueMessages(deps, everything)).counts;
}

/** An application confirmed by its applicant (SES working), waiting for an administrator. */
async function submittedApplication() {
  const body = applicationBody({ language: 'en' });
  const answer = await api.call('POST', '/applications', { json: body });
  const [email] = await waitForEmails(body.contact.email, 1, 30_000);
  expect((await api.call('POST', '/applications/verify', { form: { token: verifyToken(verifyLink(email!.body.text)) } })).status).toBe(200);
  return { applicant: body.contact.email, applicationId: answer.json.applicationId as string };
}

/**
 * While SES is failing, each workflow queues its mail: onboarding (a new
 * application's verification, an approval's welcome), events (an invitation
 * with its .ics, an RSVP's confirmation) and grants (the day's digest to the
 * new member, queued by the fan-out runner from the stream).
 */
async function queueMailOfEveryWorkflow(grantDay: { day: string; deadline: string }) {
  const waiting = await submittedApplication();
  const eventId = await scheduledEvent(api.call);
  return async () => {
    const newcomer = applicationBody({ language: 'pl' });
    expect((await api.call('POST', '/applications', { json: newcomer })).status).toBe(202);
    expect((await api.call('POST', `/admin/applications/${waiting.applicationId}/approve`, { role: 'admin' })).status).toBe(200);
    const guest = uniqueEmail('ses-guest');
    const tokens = await invite(eventId, [invitee('ses-guest', { email: guest, language: 'en' })]);
    expect((await api.call('POST', `/rsvp/${tokens.get('ses-guest')}`, { json: { response: 'accept' } })).status).toBe(200);
    await createdGrant(api.call, { callIdentifier: `SES-${grantDay.day}`, deadline: grantDay.deadline, audience: { scope: 'segment', memberTypes: [], interests: ['it'] }, offsets: [7] });
    const schedule = manifest.find((fn) => fn.name === 'grant-deadline-reminders')!;
    await invokeFunction(schedule, { version: '0', id: `grant-${grantDay.day}`, 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time: eightAm(grantDay.day).toISOString(), detail: {} });
    const expected: Expected = {
      [newcomer.contact.email]: ['application-verification'],
      [waiting.applicant]: ['application-approved', 'grant-reminder-digest'],
      [guest]: ['event-invitation', 'rsvp-confirmation'],
    };
    return expected;
  };
}

/** Sent after the fault: each expected message SENT, one email each, nothing else to these people. */
async function expectEachSentOnce(expected: Expected, earlier: Record<string, number>) {
  const messages = await queuedDuringFault(expected);
  expect(messages).toHaveLength(Object.values(expected).flat().length);
  for (const message of messages) expect(message.status, `${message.template} to ${message.to}`).toBe('SENT');
  for (const [to, templates] of Object.entries(expected)) {
    const arrived = await waitForEmails(to, (earlier[to] ?? 0) + templates.length, 30_000);
    expect(arrived).toHaveLength((earlier[to] ?? 0) + templates.length);
  }
}

/** Emails each recipient had before the fault. */
const emailsSoFar = async (expected: Expected) => Object.fromEntries(await Promise.all(Object.keys(expected).map(async (to) => [to, (await sentEmails(to)).length] as const)));

describe('SES failing across the workflows', () => {
  it('refused, then hanging: every workflow’s mail waits PENDING with backoff; once SES is back each message is sent exactly once', { timeout: 150_000 }, async () => {
    const queueMail = await queueMailOfEveryWorkflow({ day: '2027-11-10', deadline: '2027-11-17T12:00' });
    await ses.set('refuse');
    const expected = await queueMail();
    const earlier = await emailsSoFar(expected);

    // The stream's attempt, against a refused connection.
    const first = await triedAll(expected, 1);
    expect(first.map((message) => message.template).sort()).toEqual(Object.values(expected).flat().sort());
    for (const message of first) expect(message).toMatchObject({ status: 'PENDING', attempts: 1, lastError: expect.any(String) });

    // The sweep's retry, against an SES that accepts connections and never answers.
    // (Counts of a sweep may include other messages of this file that are due; ours are checked one by one.)
    await sweepLater(2, 'hang');
    for (const message of await triedAll(expected, 2)) expect(message).toMatchObject({ status: 'PENDING', attempts: 2, lastError: expect.stringContaining('TimeoutError') });

    // Back: the next sweep sends each once; a second finds nothing due.
    await sweepLater(10, 'pass');
    expect(await sweepLater(120, 'pass')).not.toHaveProperty('SENT');
    await expectEachSentOnce(expected, earlier);
    expect(ses.counts.hung).toBeGreaterThanOrEqual(5);
  });

  it('throttled past the retry limit: every message FAILED and listed, and an administrator’s retry delivers each exactly once', { timeout: 150_000 }, async () => {
    const queueMail = await queueMailOfEveryWorkflow({ day: '2027-12-10', deadline: '2027-12-17T12:00' });
    await ses.set('throttle');
    const expected = await queueMail();
    const earlier = await emailsSoFar(expected);

    await triedAll(expected, 1);
    await sweepLater(2, 'throttle');
    await triedAll(expected, 2);
    await sweepLater(10, 'throttle');
    const failed = await triedAll(expected, 3);
    for (const message of failed) expect(message).toMatchObject({ status: 'FAILED', attempts: 3, lastError: expect.stringContaining('TooManyRequestsException') });
    // Five messages, three attempts each, one SES call per attempt (and any other mail of this file due meanwhile).
    expect(ses.counts.throttled).toBeGreaterThanOrEqual(15);

    // Nothing more happens to a FAILED message on its own: it waits, visible, for an administrator.
    expect(await sweepLater(600, 'pass')).not.toHaveProperty('SENT');
    const listed = await api.call('GET', '/admin/outbox?status=FAILED', { role: 'admin' });
    const listedIds = listed.json.items.map((item: { messageId: string }) => item.messageId);
    for (const message of failed) expect(listedIds).toContain(message.messageId);

    for (const message of failed) expect((await api.call('POST', `/admin/outbox/${message.messageId}/retry`, { role: 'admin' })).status).toBe(200);
    await triedAll(expected, 1);
    await expectEachSentOnce(expected, earlier);
  });
});
