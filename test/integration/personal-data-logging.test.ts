import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { invokeFunction } from '../../infra/local/load-handler.js';
import { createLocalApi } from '../../infra/local/http-server.js';
import { issueLocalToken } from '../../infra/local/local-issuer.js';
import { manifest } from '../../infra/manifest.js';
import { uniqueEmail, waitForEmails, type SentEmail } from '../support/mailbox.js';
import { eightAm, grantBody } from '../support/grants.js';
import { linkIn } from '../support/members.js';
import { applicationBody, verifyLink, verifyToken } from '../support/organisations.js';
import { useMailer } from '../support/stream-poller.js';

// Everything the functions could log, including whole events if a deployment ever sets POWERTOOLS_LOGGER_LOG_EVENT.
vi.hoisted(() => {
  process.env.LOG_LEVEL = 'DEBUG';
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
});

const accessLog: string[] = [];
const server = createLocalApi(manifest, (line) => accessLog.push(line));
let baseUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
const streams = useMailer();

interface Sent {
  status: number;
  text: string;
  json: any;
}

/** A request as a browser or program sends it, through the local API. */
async function send(method: string, path: string, options: { json?: unknown; form?: Record<string, string>; role?: 'admin' | 'viewer'; browser?: boolean } = {}): Promise<Sent> {
  const headers: Record<string, string> = {};
  if (options.role) headers.authorization = `Bearer ${await issueLocalToken({ role: options.role })}`;
  if (options.browser) headers.accept = 'text/html';
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** Everything written to stdout and stderr (the functions' structured logs, the local stack's lines) while `run` is under way. */
async function captureOutput(run: () => Promise<void>): Promise<string> {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  const console = ['log', 'info', 'warn', 'error', 'debug'].map((level) =>
    vi.spyOn(globalThis.console, level as 'log').mockImplementation((...values: unknown[]) => void written.push(values.map(String).join(' '))),
  );
  try {
    await run();
  } finally {
    for (const spy of [stdout, stderr, ...console]) spy.mockRestore();
  }
  return written.join('\n');
}

/** The random parts of every link in an email: path segments and query values long enough to be tokens. */
function tokensIn(email: SentEmail): string[] {
  const text = [email.body.text ?? '', email.body.html ?? '', ...(email.headers ?? []).map((header) => header.value)].join('\n');
  const found = new Set<string>();
  for (const [link] of text.matchAll(/https?:\/\/[^\s"'<>]+/g)) {
    const url = new URL(link.replace(/&amp;/g, '&'));
    for (const part of [...url.pathname.split('/'), ...url.searchParams.values()]) if (part.length >= 16) found.add(decodeURIComponent(part));
  }
  return [...found];
}

const unique = () => Math.random().toString(36).slice(2, 8);

/** A person's data the way they would type it, each piece distinct enough to be found anywhere. */
function person(label: string) {
  const tag = unique();
  return {
    email: uniqueEmail(label),
    name: `Ludomira Zawieja-${tag}`,
    phone: `+48 71 ${String(100 + Math.floor(Math.random() * 900))} ${String(10 + Math.floor(Math.random() * 90))} ${String(10 + Math.floor(Math.random() * 90))}`,
  };
}

describe('personal data stays out of every log', () => {
  it('the workflows apply → verify → approve → welcome, event invitation → RSVP and a grant digest log no address, name, phone, NIP or token', { timeout: 150_000 }, async () => {
    const applicant = person('logged-applicant');
    const partner = person('logged-partner');
    const body = applicationBody({ language: 'en', name: `Szkoła Ćwiczeń ${unique()}` });
    Object.assign(body.contact, { name: applicant.name, email: applicant.email, phone: applicant.phone });
    const emails: SentEmail[] = [];
    const statuses: number[] = [];
    const step = async (answer: Promise<Sent>) => {
      const sent = await answer;
      statuses.push(sent.status);
      return sent;
    };

    const output = await captureOutput(async () => {
      // Onboarding.
      const submitted = await step(send('POST', '/applications', { json: body }));
      const [verification] = await waitForEmails(applicant.email, 1, 30_000);
      emails.push(verification!);
      const link = verifyLink(verification!.body.text);
      await step(send('GET', link, { browser: true }));
      await step(send('POST', '/applications/verify', { form: { token: verifyToken(link) }, browser: true }));
      const applicationId = submitted.json.applicationId as string;
      // Refusals carry the same data in their requests: a missing consent, the same organisation again.
      expect((await send('POST', '/applications', { json: { ...body, consents: { ...body.consents, statute: false } } })).status).toBe(400);
      expect((await send('POST', '/applications', { json: body })).status).toBe(409);
      await step(send('GET', `/admin/applications/${applicationId}`, { role: 'viewer' }));
      await step(send('GET', `/admin/applications?status=SUBMITTED`, { role: 'viewer' }));
      // The office digest of waiting applications, a week on.
      await invokeFunction(manifest.find((fn) => fn.name === 'application-escalation')!, { 'detail-type': 'Scheduled Event', time: new Date(Date.now() + 8 * 86_400_000).toISOString() });
      const approved = await step(send('POST', `/admin/applications/${applicationId}/approve`, { role: 'admin' }));
      const [welcome] = await waitForEmails(applicant.email, 1, 30_000, (email) => email.body.text?.includes('/colleagues/') ?? false);
      emails.push(welcome!);
      await step(send('GET', linkIn(welcome, '/colleagues/'), { browser: true }));
      await step(send('GET', `/admin/members/${approved.json.memberId}`, { role: 'viewer' }));
      await step(send('GET', `/admin/members?q=${encodeURIComponent(applicant.email)}`, { role: 'viewer' }));

      // An event: the member's contact and a partner invited by address, both answer.
      const created = await step(
        send('POST', '/admin/events', {
          role: 'admin',
          json: {
            title: { pl: 'Forum', en: 'Forum' },
            description: { pl: 'Panele.', en: 'Panels.' },
            type: 'conference',
            start: '2030-02-11T10:00',
            end: '2030-02-11T15:00',
            rsvpDeadline: '2030-02-04T23:59',
            venue: 'Wrocław',
            capacity: 50,
            audience: { scope: 'all' },
            extraInvitees: [{ email: partner.email, name: partner.name, language: 'en' }],
          },
        }),
      );
      const eventId = created.json.eventId as string;
      await step(send('POST', `/admin/events/${eventId}/invitations`, { role: 'admin' }));
      const invitationFor = async (to: string) => (await waitForEmails(to, 1, 30_000, (email) => email.attachments.length > 0))[0]!;
      const [memberInvitation, partnerInvitation] = await Promise.all([invitationFor(applicant.email), invitationFor(partner.email)]);
      emails.push(memberInvitation, partnerInvitation);
      const partnerRsvp = linkIn(partnerInvitation, '/rsvp/');
      await step(send('GET', partnerRsvp, { browser: true }));
      await step(send('POST', partnerRsvp, { form: { response: 'accept' }, browser: true }));
      await step(send('POST', linkIn(memberInvitation, '/rsvp/'), { json: { response: 'decline' } }));
      // Invitation and confirmation each; the applicant's verification, welcome, invitation and confirmation.
      emails.push(...(await waitForEmails(partner.email, 2, 30_000)), ...(await waitForEmails(applicant.email, 4, 30_000)));
      await step(send('GET', `/admin/events/${eventId}`, { role: 'viewer' }));

      // Grant reminders: a call for the member's interests, a day's run from the schedule through the fan-out runner, the digest's "not relevant" link.
      await step(send('POST', '/admin/grants', { role: 'admin', json: grantBody({ callIdentifier: `LOG-${unique()}`, deadline: '2027-11-17T12:00', audience: { scope: 'segment', memberTypes: [], interests: ['it'] }, offsets: [7] }) }));
      const day = '2027-11-10';
      await invokeFunction(manifest.find((fn) => fn.name === 'grant-deadline-reminders')!, { version: '0', id: `grant-${day}`, 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time: eightAm(day).toISOString(), detail: {} });
      const [digest] = await waitForEmails(applicant.email, 1, 60_000, (email) => email.subject.startsWith('Funding deadlines'));
      emails.push(digest!);
      const notRelevant = linkIn(digest, '/grant-reminders/');
      await step(send('GET', notRelevant, { browser: true }));
      await step(send('POST', notRelevant, { form: {}, browser: true }));
    });

    // Each step did what it should, so the logs saw real work.
    expect(statuses.every((status) => status < 400), JSON.stringify(statuses)).toBe(true);
    for (const fn of ['submit-application', 'approve-application', 'mailer', 'invitation-runner', 'answer-invitation', 'fan-out-runner', 'confirm-grant-link']) expect(output).toContain(`"function_name":"glokal-local-${fn}"`);

    const secrets = new Map<string, string>([
      ['applicant email', applicant.email],
      ['applicant name', applicant.name],
      ['applicant phone', applicant.phone],
      ['applicant phone digits', applicant.phone.replace(/\D/g, '')],
      ['partner email', partner.email],
      ['partner name', partner.name],
      ['NIP', body.organisation.nip],
    ]);
    for (const email of emails) for (const token of tokensIn(email)) secrets.set(`token ${token.slice(0, 4)}… from "${email.subject}"`, token);
    expect([...secrets.keys()].filter((what) => what.startsWith('token')).length).toBeGreaterThanOrEqual(5);

    const lines = [...accessLog.map((line) => `access log: ${line}`), ...streams.log().split('\n').map((line) => `stream poller: ${line}`), ...output.split('\n')];
    // Where each leak is, by the function and message of the line (not the line itself, which would print the data again).
    const whereFound = (value: string) =>
      lines.filter((line) => line.includes(value)).map((line) => /"function_name":"([^"]+)"/.exec(line)?.[1] ?? line.split(':')[0]!).concat(lines.filter((line) => line.includes(value)).map((line) => /"message":"([^"]+)"/.exec(line)?.[1] ?? ''));
    const leaks = [...secrets].filter(([, value]) => lines.some((line) => line.includes(value))).map(([what, value]) => `${what} in ${[...new Set(whereFound(value))].join(', ')}`);
    expect(leaks).toEqual([]);
  });
});
