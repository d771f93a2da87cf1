import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useFaultyDynamo } from '../support/fault-dynamo.js';
import type { FaultMode } from '../support/fault-proxy.js';
import { invite, invitee, scheduledEvent } from '../support/invitations.js';
import { useLocalApi, type Answer } from '../support/local-api.js';
import { uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { applicationDependencies } from '../../shared/composition/applications.js';
import { submitApplicationBody } from '../../shared/contracts/application-input.js';
import { submitApplication } from '../../shared/domain/applications/submit-application.js';
import { verifyApplication } from '../../shared/domain/applications/verify-application.js';
import { randomIds } from '../../shared/platform/ids.js';
import { applicationBody, asForm } from '../support/organisations.js';

// Before any handler module reads the configuration: the functions talk to this file's DynamoDB Local through the proxy.
await vi.hoisted(async () => {
  const { useFaultProxyEnvironment } = await import('../support/fault-ports.js');
  useFaultProxyEnvironment();
});

const api = useLocalApi();
const { proxy, dump, mailer } = useFaultyDynamo();
const browser = { accept: 'text/html,application/xhtml+xml', 'accept-language': 'en-GB,en;q=0.9' };

/** Two attempts of at most 1 s (fault-ports.ts) plus the SDK's backoff, with room for a loaded machine: well inside the API functions' 10 s. */
const answeredWithinMs = 4_000;

/** Faults injected and requests tried, per route, for test/RELIABILITY.md. */
const tally = new Map<string, { tried: number; faulted: number }>();
const count = (route: string, faulted: boolean) => {
  const entry = tally.get(route) ?? { tried: 0, faulted: 0 };
  entry.tried += 1;
  if (faulted) entry.faulted += 1;
  tally.set(route, entry);
};

// Recoveries wait for the mailer, which meets the same loaded DynamoDB Local (see emailsTo).
vi.setConfig({ testTimeout: 60_000 });

beforeAll(async () => {
  // The first request loads the handlers and the SDK: slower than any bound here, and no fault's doing.
  const body = applicationBody();
  for (let attempt = 1; attempt <= 3; attempt += 1) if ((await api.call('POST', '/applications', { json: body })).status === 202) break;
}, 60_000);

afterEach(async () => {
  await proxy.set('pass');
});

interface Faulted {
  answer: Answer & { ms: number };
  /** The table just before and just after the faulted request. */
  before: string[];
  after: string[];
}

/** Sends a request with DynamoDB faulted (after `passing` of the handler's own calls went through), timed, with the table around it. */
async function underFault(route: string, mode: FaultMode, passing: number, send: () => Promise<Answer>): Promise<Faulted> {
  await mailer.pause();
  try {
    const before = await dump();
    if (passing === 0) await proxy.set(mode);
    else proxy.after(passing, mode);
    const started = Date.now();
    const answer = await send();
    const ms = Date.now() - started;
    await proxy.set('pass');
    count(route, true);
    return { answer: { ...answer, ms }, before, after: await dump() };
  } finally {
    await proxy.set('pass');
    await mailer.resume();
  }
}

/**
 * A request with DynamoDB passing again. On a machine loaded by parallel
 * suites a DynamoDB Local call can outlast this file's 1 s bound without any
 * fault; the client then does what the 503's Retry-After asks, sooner: sends
 * the same request again (at most twice more).
 */
async function passing(route: string, send: () => Promise<Answer>): Promise<Answer> {
  for (let attempt = 1; ; attempt += 1) {
    const answer = await send();
    count(route, false);
    if (answer.status !== 503 || attempt === 3) return answer;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Emails to one address; the mailer meets the same loaded DynamoDB Local, so it may take longer than elsewhere. */
const emailsTo = (to: string, count: number) => waitForEmails(to, count, 30_000);

function expectUnavailable(answer: Answer & { ms: number }) {
  expect(answer.status, answer.text).toBe(503);
  expect(answer.json).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } });
  expect(answer.headers.get('retry-after')).toBe('30');
  expect(answer.ms).toBeLessThan(answeredWithinMs);
}

/** After a cut answer the write may have landed: then all of it, never a part. */
function expectAllOrNothing(before: string[], after: string[], complete: string[]) {
  if (after.length === before.length) expect(after).toEqual(before);
  else expect(after).toEqual(complete);
}

const apply = (body: ReturnType<typeof applicationBody>, key: string) => api.call('POST', '/applications', { json: body, headers: { 'idempotency-key': key } });

describe('POST /applications with DynamoDB failing', () => {
  it.each([
    ['refused', 'refuse', 0],
    ['hanging from the start', 'hang', 0],
    ['hanging after the idempotency read, at the transaction', 'hang', 1],
    ['cut at the first answer', 'cut', 0],
  ] as const)('%s: 503 in the error shape with Retry-After, nothing written; the same request once it is back stores one application and sends one email', async (_, mode, passingCalls) => {
    const body = applicationBody({ language: 'en' });
    const key = `fault-${mode}-${passingCalls}-${body.organisation.nip}`;
    const { answer, before, after } = await underFault('POST /applications', mode, passingCalls, () => apply(body, key));
    expectUnavailable(answer);
    expect(after).toEqual(before);

    const recovered = await passing('POST /applications', () => apply(body, key));
    expect(recovered.status, recovered.text).toBe(202);
    expect((await dump()).length).toBeGreaterThan(before.length);
    const again = await passing('POST /applications', () => apply(body, key));
    expect(again.json).toEqual(recovered.json);
    expect(await emailsTo(body.contact.email, 1)).toHaveLength(1);
  });

  it('cut after the transaction was sent: the write lands whole or not at all, and the same request then answers as if it had worked, one email', async () => {
    const body = applicationBody({ language: 'en' });
    const key = `fault-cut-tx-${body.organisation.nip}`;
    const { answer, before, after: afterFault } = await underFault('POST /applications', 'cut', 1, () => apply(body, key));
    expectUnavailable(answer);

    const recovered = await passing('POST /applications', () => apply(body, key));
    expect(recovered.status, recovered.text).toBe(202);
    expectAllOrNothing(before, afterFault, await dump());
    expect(await emailsTo(body.contact.email, 1)).toHaveLength(1);
  });

  it('a browser’s form post gets the form back as a 503 page, with what was typed and the same key, not JSON', async () => {
    const body = applicationBody({ language: 'en' });
    const form = { ...asForm(body), formLanguage: 'en', idempotencyKey: `form-fault-${body.organisation.nip}` };
    const { answer, before, after } = await underFault('POST /applications', 'hang', 0, () => api.call('POST', '/applications', { form, headers: browser }));
    expect(answer.status).toBe(503);
    expect(answer.headers.get('content-type')).toContain('text/html');
    expect(answer.headers.get('retry-after')).toBe('30');
    expect(answer.text).toContain('brief fault on our side');
    expect(answer.text).toContain(`value="${form.idempotencyKey}"`);
    expect(answer.text).toContain(`value="${body.organisation.name}"`);
    expect(after).toEqual(before);

    const sentAgain = await passing('POST /applications', () => api.call('POST', '/applications', { form, headers: browser }));
    expect(sentAgain.status).toBe(303);
    expect(await emailsTo(body.contact.email, 1)).toHaveLength(1);
  });
});

/** An application confirmed by its applicant, waiting for an administrator (through the use cases, without waiting for the verification email). */
async function submittedApplication() {
  const body = applicationBody({ language: 'en' });
  const token = randomIds.newToken();
  const { applicationId } = await submitApplication(submitApplicationBody.parse(body), undefined, { ...applicationDependencies, ids: { ...randomIds, newToken: () => token } });
  expect((await verifyApplication(token, applicationDependencies)).outcome).toBe('verified');
  return { body, applicationId };
}

/** The verification email and the welcome, then the welcomes only. */
const welcomeTo = (to: string) => emailsTo(to, 2).then((emails) => emails.filter((email) => email.body.text?.includes('/colleagues/')));

describe('POST /admin/applications/{id}/approve with DynamoDB failing', () => {
  it.each([
    ['refused', 'refuse', 0],
    ['hanging at the transaction, after the application was read', 'hang', 1],
  ] as const)('%s: 503, no member, no audit entry, no welcome email; approved once when it is back', async (_, mode, passingCalls) => {
    const { body, applicationId } = await submittedApplication();
    const approve = () => api.call('POST', `/admin/applications/${applicationId}/approve`, { role: 'admin' });
    const { answer, before, after } = await underFault('POST /admin/applications/{id}/approve', mode, passingCalls, approve);
    expectUnavailable(answer);
    expect(after).toEqual(before);

    const approved = await passing('POST /admin/applications/{id}/approve', approve);
    expect(approved.status, approved.text).toBe(200);
    expect(approved.json.status).toBe('APPROVED');
    expect(await welcomeTo(body.contact.email)).toHaveLength(1);
  });

  it('cut after the transaction was sent: all of the approval or none of it; pressed again it is approved once, one welcome email', async () => {
    const { body, applicationId } = await submittedApplication();
    const approve = () => api.call('POST', `/admin/applications/${applicationId}/approve`, { role: 'admin' });
    const { answer, before, after: afterFault } = await underFault('POST /admin/applications/{id}/approve', 'cut', 1, approve);
    expectUnavailable(answer);

    const again = await passing('POST /admin/applications/{id}/approve', approve);
    // Landed before the cut: the application is already decided; otherwise this press approves it.
    expect([200, 409]).toContain(again.status);
    const shown = await passing('GET /admin/applications/{id}', () => api.call('GET', `/admin/applications/${applicationId}`, { role: 'admin' }));
    expect(shown.json.status).toBe('APPROVED');
    if (again.status === 409) expect(await dump()).toEqual(afterFault);
    else expect(afterFault).toEqual(before);
    expect(await welcomeTo(body.contact.email)).toHaveLength(1);
  });
});

describe('POST /rsvp/{token} with DynamoDB failing', () => {
  async function invitation() {
    const eventId = await scheduledEvent(api.call);
    const to = uniqueEmail('fault-rsvp');
    const tokens = await invite(eventId, [invitee('fault-1', { email: to, language: 'en' })]);
    return { eventId, to, token: tokens.get('fault-1')! };
  }

  it.each([
    ['refused', 'refuse', 0],
    ['hanging after the invitation was read', 'hang', 1],
    ['cut at the first answer', 'cut', 0],
  ] as const)('%s: 503, no seat taken, no confirmation; once it is back the answer takes one seat and sends one confirmation', async (_, mode, passingCalls) => {
    const { to, token } = await invitation();
    const accept = () => api.call('POST', `/rsvp/${token}`, { json: { response: 'accept' } });
    const { answer, before, after } = await underFault('POST /rsvp/{token}', mode, passingCalls, accept);
    expectUnavailable(answer);
    expect(after).toEqual(before);

    const accepted = await passing('POST /rsvp/{token}', accept);
    expect(accepted.status).toBe(200);
    expect(accepted.text).toContain('data-answer="ACCEPTED"');
    const emails = await emailsTo(to, 2);
    expect(emails).toHaveLength(2);
  });

  it('the RSVP page’s button gets a 503 page in the browser’s language, not JSON', async () => {
    const { token } = await invitation();
    const { answer, before, after } = await underFault('POST /rsvp/{token}', 'hang', 0, () => api.call('POST', `/rsvp/${token}`, { form: { response: 'decline' }, headers: browser }));
    expect(answer.status).toBe(503);
    expect(answer.headers.get('content-type')).toContain('text/html');
    expect(answer.headers.get('retry-after')).toBe('30');
    expect(answer.text).toContain('<html lang="en">');
    expect(answer.text).toContain('Go back and send the form again');
    expect(after).toEqual(before);
  });

  it('the RSVP page opened from the email gets a 503 page too, not JSON; a program asking for JSON gets the error shape', async () => {
    const { token } = await invitation();
    const opened = await underFault('GET /rsvp/{token}', 'refuse', 0, () => api.call('GET', `/rsvp/${token}`, { headers: { accept: 'text/html', 'accept-language': 'pl-PL,pl;q=0.9' } }));
    expect(opened.answer.status).toBe(503);
    expect(opened.answer.headers.get('content-type')).toContain('text/html');
    expect(opened.answer.headers.get('retry-after')).toBe('30');
    expect(opened.answer.text).toContain('<html lang="pl">');
    expect(opened.answer.text).toContain('Otwórz link ponownie za minutę');
    expectUnavailable((await underFault('GET /rsvp/{token}', 'refuse', 0, () => api.call('GET', `/rsvp/${token}`, { headers: { accept: 'application/json' } }))).answer);
  });
});

// The figures of test/RELIABILITY.md, printed after the run (each test asserts its own faults; this only counts them).
afterAll(() => {
  console.info(JSON.stringify({ routes: Object.fromEntries(tally), proxy: proxy.counts }));
});
