import { describe, expect, it, vi } from 'vitest';
import { invokeFunction } from '../../infra/local/load-handler.js';
import { manifest } from '../../infra/manifest.js';
import { captureOutput } from '../support/captured-output.js';
import { useLocalApi, type Answer } from '../support/local-api.js';
import { uniqueEmail, waitForEmails, type SentEmail } from '../support/mailbox.js';
import { eightAm, grantBody } from '../support/grants.js';
import { scheduledEvent } from '../support/invitations.js';
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
const { call: send } = useLocalApi((line) => accessLog.push(line));
const streams = useMailer();
/** What a browser following an email's link asks for. */
const browser = { accept: 'text/html' };

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
    const step = async (answer: Promise<Answer>) => {
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
      await step(send('GET', link, { headers: browser }));
      await step(send('POST', '/applications/verify', { form: { token: verifyToken(link) }, headers: browser }));
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
      await step(send('GET', linkIn(welcome, '/colleagues/'), { headers: browser }));
      await step(send('GET', `/admin/members/${approved.json.memberId}`, { role: 'viewer' }));
      await step(send('GET', `/admin/members?q=${encodeURIComponent(applicant.email)}`, { role: 'viewer' }));

      // An event: the member's contact and a partner invited by address, both answer.
      const eventId = await scheduledEvent(send, { extraInvitees: [{ email: partner.email, name: partner.name, language: 'en' }] });
      await step(send('POST', `/admin/events/${eventId}/invitations`, { role: 'admin' }));
      const invitationFor = async (to: string) => (await waitForEmails(to, 1, 30_000, (email) => email.attachments.length > 0))[0]!;
      const [memberInvitation, partnerInvitation] = await Promise.all([invitationFor(applicant.email), invitationFor(partner.email)]);
      emails.push(memberInvitation, partnerInvitation);
      const partnerRsvp = linkIn(partnerInvitation, '/rsvp/');
      await step(send('GET', partnerRsvp, { headers: browser }));
      await step(send('POST', partnerRsvp, { form: { response: 'accept' }, headers: browser }));
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
      await step(send('GET', notRelevant, { headers: browser }));
      await step(send('POST', notRelevant, { form: {}, headers: browser }));
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
