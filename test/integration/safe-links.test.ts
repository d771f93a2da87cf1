import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpRoutes } from '../../infra/manifest-types.js';
import { manifest } from '../../infra/manifest.js';
import { applicationDependencies } from '../../shared/composition/applications.js';
import { eventFanOutDependencies } from '../../shared/composition/event-fan-outs.js';
import { config } from '../../shared/config.js';
import { escalateWaitingApplications } from '../../shared/domain/applications/escalate-applications.js';
import { startDueReminders } from '../../shared/domain/events/event-reminders.js';
import { deliverDueMessages } from '../../shared/domain/mail/deliver-message.js';
import { languages } from '../../shared/email/language.js';
import { renderEmail } from '../../shared/email/render.js';
import { templateNames, templates, type TemplateName } from '../../shared/email/templates/index.js';
import type { RouteContract } from '../../shared/http/route.js';
import { fixedClock } from '../../shared/platform/clock.js';
import { hashToken } from '../../shared/platform/ids.js';
import { preferencesLinkToken } from '../../shared/platform/link-tokens.js';
import { linksIn, unknownQueryParameters, type EmailLink } from '../support/email-links.js';
import { invite, invitee, scheduledEvent } from '../support/invitations.js';
import { actionBehindLink, purposeOf } from '../support/link-purposes.js';
import { useLocalApi } from '../support/local-api.js';
import { fileMailbox, uniqueEmail, waitForEmails, type SentEmail } from '../support/mailbox.js';
import { linkIn } from '../support/members.js';
import { applicationBody, verifyLink, verifyToken } from '../support/organisations.js';
import { createdGrant, eightAm, runDay } from '../support/grants.js';
import { queue, testDelivery } from '../support/outbox-helpers.js';
import { reliabilitySection, updatingReliability, writeReliabilitySection } from '../support/reliability-report.js';
import { useMailer } from '../support/stream-poller.js';
import { settledTableDump, tableDump } from '../support/table-dump.js';

/**
 * Issue 12, item 5: every link of every email, as the product sends them. The
 * walk runs the real workflows (application, verification, approval,
 * rejection, contacts and colleagues, invitations, answers, the waitlist,
 * nudges, reminders, changes, cancellation) through the local API, the table
 * stream and the mailer; a template no workflow here reaches is sent with its
 * preview sample through the real outbox and mailer. Each email's links are
 * opened as a mail scanner would the moment it arrives (nothing may change),
 * then checked: the token's size, how the table keeps it, personal data in
 * the URL, and every other purpose's route refusing it.
 */
const api = useLocalApi();
useMailer();

interface WalkedLink extends EmailLink {
  to: string;
  template: string;
  /** The status of a GET of the link when its email arrived (admin links with an admin's token). */
  openedWith: number;
  /** A placeholder token of a template's preview sample (a template no use case sends yet): nothing about it can be checked. */
  fromSample: boolean;
}

const addresses = new Set<string>();
/** Names, numbers and addresses of the people in the walk: none may appear in a URL. */
const personalData = new Set<string>();
const walked: WalkedLink[] = [];
const templatesWalked = new Set<string>();
const opened = new Set<SentEmail>();
const applicationIds: string[] = [];
/** Templates sent with their preview sample, and that sample's text (its placeholder tokens). */
const samples = new Map<string, string>();

const person = (label: string) => {
  const email = uniqueEmail(`links-${label}`);
  addresses.add(email);
  personalData.add(email);
  return email;
};

/** An API path from a link to the public base address. */
const pathOf = (url: URL) => `${url.pathname}${url.search}`;
const browser = { accept: 'text/html' };

/** Which template an email was rendered from: the sent outbox message to the same address with its subject. */
function templateOf(email: SentEmail, queued: Array<{ to: string; template: string; subject?: string }>): string {
  return queued.find((message) => email.destination.to.includes(message.to) && message.subject === email.subject)?.template ?? '(unknown)';
}

/** Opens every link of the emails that arrived since the last look, as a mail scanner would, and checks the table did not change. */
async function openNewLinks() {
  const before = await settledTableDump();
  const queued = before.map((line) => JSON.parse(line)).filter((item) => item.entity === 'OUTBOX');
  const emails = (await fileMailbox().emails()).filter((email) => !opened.has(email) && isOurs(email));
  for (const email of emails) {
    opened.add(email);
    const template = templateOf(email, queued);
    templatesWalked.add(template);
    for (const link of linksIn(email, config.PUBLIC_BASE_URL)) {
      let openedWith = 0;
      if (link.route) openedWith = (await api.call('GET', pathOf(link.url), { headers: browser, role: link.route.access === 'public' ? undefined : 'admin' })).status;
      const fromSample = link.token !== undefined && (samples.get(template)?.includes(link.token) ?? false);
      walked.push({ ...link, to: email.destination.to[0]!, template, openedWith, fromSample });
    }
  }
  expect(await tableDump(), 'a GET of an emailed link changed the table').toEqual(before);
}

/** Mail of this walk: to its people, or the office's notices and digests of its applications. */
const isOurs = (email: SentEmail) =>
  email.destination.to.some((to) => addresses.has(to)) || [...applicationIds, ...organisations].some((id) => `${email.body.text}${email.body.html}`.includes(id));
const organisations: string[] = [];

async function waitForOfficeEmail(mentioning: string, linkingTo: string) {
  const [found] = await fileMailbox().waitFor((email) => `${email.body.text}`.includes(mentioning) && `${email.body.text}`.includes(linkingTo), 1, 15_000);
  expect(found, `the office's email about ${mentioning}`).toBeDefined();
}

async function applicationWalk() {
  const body = applicationBody({ email: person('applicant') });
  for (const value of [body.contact.name, body.contact.phone, body.organisation.nip, body.organisation.name, body.organisation.address.street]) personalData.add(value);
  const submitted = await api.call('POST', '/applications', { json: body });
  expect(submitted.status).toBe(202);
  applicationIds.push(submitted.json.applicationId);
  organisations.push(body.organisation.name);
  const [verification] = await waitForEmails(body.contact.email, 1);
  await openNewLinks();
  expect((await api.call('POST', '/applications/verify', { form: { token: verifyToken(verifyLink(verification!.body.text)) } })).status).toBe(200);
  return { body, applicationId: submitted.json.applicationId as string };
}

async function membershipWalk() {
  const { body, applicationId } = await applicationWalk();
  const approved = await api.call('POST', `/admin/applications/${applicationId}/approve`, { role: 'admin' });
  expect(approved.status).toBe(200);
  const [welcome] = await waitForEmails(body.contact.email, 1, 10_000, (email) => email.body.text?.includes('/colleagues/') ?? false);
  await openNewLinks();

  const rejected = await applicationWalk();
  // The office's digest of applications waiting more than 3 working days: the scheduled escalation ten days on, and the mailer's sweep then.
  const tenDaysOn = new Date(Date.now() + 10 * 86_400_000);
  await escalateWaitingApplications({ ...applicationDependencies, clock: fixedClock(tenDaysOn) });
  const sweep = testDelivery();
  sweep.clock.advance(10 * 86_400_000 + 60_000);
  await deliverDueMessages(sweep.deps, { limit: 100, hasTimeLeft: () => true });
  await waitForOfficeEmail(rejected.body.organisation.name, '/admin/applications?status=SUBMITTED');
  expect((await api.call('POST', `/admin/applications/${rejected.applicationId}/reject`, { role: 'admin', json: { reason: 'Brak statutu.' } })).status).toBe(200);
  await waitForEmails(rejected.body.contact.email, 2);

  const colleague = { name: 'Ewa Zielińska', email: person('colleague'), role: 'Nauczycielka', language: 'pl' };
  personalData.add(colleague.name);
  expect((await api.call('POST', linkIn(welcome, '/colleagues/'), { json: colleague })).status).toBe(200);
  const added = { name: 'Tomasz Nowak', email: person('added-contact'), role: 'Koordynator', phone: '+48 600 700 800' };
  personalData.add(added.name).add(added.phone);
  const addedContact = await api.call('POST', `/admin/members/${approved.json.memberId}/contacts`, { role: 'admin', json: added });
  expect(addedContact.status).toBe(201);
  await waitForEmails(colleague.email, 1);
  const [confirmation] = await waitForEmails(added.email, 1);
  await openNewLinks();
  expect((await api.call('POST', linkIn(confirmation, '/contacts/confirm/'))).status).toBe(200);
  // A confirmed contact's new address: a confirmation link to it, a notice to the old one.
  const moved = person('moved-contact');
  const patched = await api.call('PATCH', `/admin/members/${approved.json.memberId}/contacts/${addedContact.json.contactId}`, { role: 'admin', json: { email: moved } });
  expect(patched.status, patched.text).toBe(200);
  await waitForEmails(moved, 1);
  await waitForEmails(added.email, 2);
  await openNewLinks();
  await grantWalk(body.contact.email);
}

/** The daily grant digest of a call the walk's member is interested in: its "not relevant", "stop" and calendar links. */
async function grantWalk(memberContact: string) {
  await createdGrant(api.call, { callIdentifier: 'LINKS-2027', deadline: '2027-03-05T12:00' });
  // 2027-02-26 is 7 days before the deadline (a default offset); the digests are due that morning, so the mailer's sweep then sends them.
  await runDay('2027-02-26');
  const sweep = testDelivery();
  sweep.clock.advance(eightAm('2027-02-26').getTime() - Date.now() + 60_000);
  await deliverDueMessages(sweep.deps, { limit: 100, hasTimeLeft: () => true });
  await waitForEmails(memberContact, 1, 15_000, (email) => email.body.text?.includes('/grant-reminders/') ?? false);
  await openNewLinks();
}

async function eventWalk() {
  const eventId = await scheduledEvent(api.call, { capacity: 1 });
  const people = ['seated', 'waitlisted', 'silent'].map((label) => invitee(`links-${label}`, { email: person(label), name: `Jan ${label[0]!.toUpperCase()}${label.slice(1)}ski`, language: 'pl' }));
  for (const one of people) personalData.add(one.name);
  const [seated, waitlisted, silent] = people as [ReturnType<typeof invitee>, ReturnType<typeof invitee>, ReturnType<typeof invitee>];
  const tokens = await invite(eventId, people);
  await openNewLinks();
  const answer = async (who: typeof seated, response: string) => expect((await api.call('POST', `/rsvp/${tokens.get(who.inviteeId)}`, { json: { response } })).status).toBe(200);
  await answer(seated, 'accept');
  await answer(waitlisted, 'accept');
  // The nudge to who has not answered (three days before the deadline of scheduledEvent's 2030-01-14).
  await startDueReminders(new Date('2030-01-12T08:00:00Z'), eventFanOutDependencies);
  await waitForEmails(silent.email, 2);
  await openNewLinks();
  await answer(seated, 'decline');
  await waitForEmails(waitlisted.email, 3);
  // The week-before reminder to who has a seat (the event starts 2030-01-21).
  await startDueReminders(new Date('2030-01-15T08:00:00Z'), eventFanOutDependencies);
  await waitForEmails(waitlisted.email, 4);
  await openNewLinks();
  const read = await api.call('GET', `/admin/events/${eventId}`, { role: 'admin' });
  expect((await api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: { venue: 'Hala Stulecia, ul. Wystawowa 1, Wrocław', version: read.json.version } })).status).toBe(200);
  await waitForEmails(waitlisted.email, 5);
  await openNewLinks();
  expect((await api.call('POST', `/admin/events/${eventId}/cancel`, { role: 'admin', json: { reason: 'Odwołane.' } })).status).toBe(200);
  await waitForEmails(waitlisted.email, 6);
  await openNewLinks();
}

/** A template no workflow above reached: its preview sample, sent through the real outbox and mailer (which adds the recipient's own links). */
async function sampleWalk(template: TemplateName) {
  const to = person(`sample-${template}`);
  // The sample's links point at the preview's base address; the walk's own is the test API's.
  const sample = JSON.stringify(templates[template].sample).replaceAll('http://localhost:3000', config.PUBLIC_BASE_URL);
  samples.set(template, sample);
  await queue({ to, lang: 'pl', template, data: JSON.parse(sample) as never });
  await waitForEmails(to, 1);
  await openNewLinks();
}

beforeAll(async () => {
  await membershipWalk();
  await eventWalk();
  for (const template of templateNames.filter((name) => !templatesWalked.has(name))) await sampleWalk(template);
}, 300_000);

const apiLinks = () => walked.filter((link) => link.route && !link.fromSample);
/** Links with a token the product made (not a preview sample's placeholder). */
const tokenLinks = () => walked.filter((link) => link.token !== undefined && !link.fromSample);
/** Token routes only a preview sample's placeholder links to: their template has no use case that sends it yet. */
const pendingRoutes = () => {
  const real = new Set(tokenLinks().map((link) => link.route!.operationId));
  return [...new Set(walked.filter((link) => link.fromSample && link.route && !real.has(link.route.operationId)).map((link) => link.route!.operationId))];
};
/** Public GET routes that take a token: the pages behind emailed links. */
const tokenRoutes = httpRoutes(manifest)
  .map(({ route }) => route)
  .filter((route) => route.method === 'GET' && route.access === 'public' && (route.path.includes('{token}') || 'token' in ((route.query as { shape?: object } | undefined)?.shape ?? {})));

describe('the walk', () => {
  it('sent every template and found its links', () => {
    expect([...templatesWalked].sort()).toEqual([...templateNames].sort());
    expect(tokenLinks().length).toBeGreaterThan(10);
  });

  it('placeholder tokens only in templates no use case sends yet (sent with their preview sample)', () => {
    expect([...new Set(walked.filter((link) => link.fromSample).map((link) => link.template))].filter((template) => !samples.has(template))).toEqual([]);
  });

  it('reached every page a token opens: each token route of the manifest had an emailed link (a real one, or a sample’s where no use case sends the template yet)', () => {
    const reached = new Set([...tokenLinks().map((link) => link.route!.operationId), ...pendingRoutes()]);
    expect(tokenRoutes.map((route) => route.operationId).filter((id) => !reached.has(id))).toEqual([]);
  });

  it('every link to the API opens a GET route of the manifest, and worked when its email arrived (admin links with an admin’s token)', () => {
    const base = new URL(config.PUBLIC_BASE_URL).origin;
    expect(walked.filter((link) => link.url.origin === base && !link.route).map((link) => link.url.href)).toEqual([]);
    expect(apiLinks().filter((link) => link.openedWith !== 200).map((link) => `${link.template}: ${pathOf(link.url)} → ${link.openedWith}`)).toEqual([]);
  });

  it('every link’s query parameters are ones its page reads: the emailed ones, and those of every template’s preview sample', () => {
    const stale = apiLinks().flatMap((link) => unknownQueryParameters(link).map((name) => `${link.template}: ${name} in ${pathOf(link.url)}`));
    const previewBase = 'http://localhost:3000';
    for (const name of templateNames) {
      for (const lang of languages) {
        const rendered = renderEmail(name, templates[name].sample as never, lang, { unsubscribeUrl: `${previewBase}/unsubscribe/sample-token?category=events`, preferencesUrl: `${previewBase}/unsubscribe/sample-token` });
        for (const link of linksIn({ body: rendered, headers: [], attachments: [] }, previewBase)) {
          stale.push(...unknownQueryParameters(link).map((parameter) => `${name} preview (${lang}): ${parameter} in ${pathOf(link.url)}`));
        }
      }
    }
    expect(stale).toEqual([]);
  });

  it('links outside the API are https', () => {
    const base = new URL(config.PUBLIC_BASE_URL).origin;
    expect(walked.filter((link) => link.url.origin !== base && link.url.protocol !== 'https:').map((link) => link.url.href)).toEqual([]);
  });

  it('no token in a link to an admin page', () => {
    expect(apiLinks().filter((link) => link.route!.access !== 'public' && link.token !== undefined).map((link) => link.url.href)).toEqual([]);
  });
});

describe('tokens', () => {
  it('carry at least 128 bits: base64url of 16 bytes or more, no two links of different people alike', () => {
    for (const link of tokenLinks()) {
      expect(link.token, link.url.pathname).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(link.token!, 'base64url').length * 8, `${link.template} ${link.route!.path}`).toBeGreaterThanOrEqual(128);
    }
    const holders = new Map<string, Set<string>>();
    for (const link of tokenLinks()) holders.set(link.token!, (holders.get(link.token!) ?? new Set()).add(link.to));
    expect([...holders.values()].filter((people) => people.size > 1)).toEqual([]);
  });

  it('are random and kept only as a hash, or a MAC of the address under the link signing key (and its hash kept for the lookup)', async () => {
    const dump = (await tableDump()).join('\n');
    for (const link of tokenLinks()) {
      const where = `${link.template} ${link.route!.path}`;
      expect(dump.includes(link.token!), `${where}: the raw token is in the table`).toBe(false);
      expect(dump.includes(hashToken(link.token!)), `${where}: its hash is in the table`).toBe(true);
    }
    const macs = tokenLinks().filter((link) => link.token === preferencesLinkToken(config.LINK_SIGNING_KEY!, link.to));
    expect(new Set(macs.map((link) => link.route!.operationId))).toEqual(new Set(['getPreferences']));
  });

  it('no URL holds personal data: no address, name, phone, NIP or street of anyone in the walk', () => {
    const found: string[] = [];
    for (const link of walked) {
      const url = decodeURIComponent(link.url.href).toLowerCase();
      if (url.includes('@')) found.push(`${link.template}: ${link.url.href} holds an @`);
      for (const value of personalData) if (url.includes(value.toLowerCase())) found.push(`${link.template}: ${link.url.href} holds ${value}`);
    }
    expect(found).toEqual([]);
  });
});

/** One token link per purpose (the page it opens), from the walk. */
function tokensByPurpose(): Map<string, WalkedLink> {
  const byPurpose = new Map<string, WalkedLink>();
  for (const link of tokenLinks()) if (!byPurpose.has(purposeOf(link.route!))) byPurpose.set(purposeOf(link.route!), link);
  return byPurpose;
}

/** The GET of a link's page with another token in place of its own. */
function pageWith(route: RouteContract, token: string): string {
  if (route.path.includes('{token}')) return route.path.replace('{token}', encodeURIComponent(token));
  return `${route.path}?token=${encodeURIComponent(token)}`;
}

const purposes = tokenRoutes.map((route) => [route.operationId, route] as const);
const pairs = purposes.flatMap(([from]) => purposes.filter(([to]) => to !== from).map(([to, route]) => [from, to, route] as const));

describe('a token serves its one purpose: every other purpose’s page and action refuse it, changing nothing', () => {
  it('each token page with an action beside it (a POST in the manifest) has one the walk knows how to post', () => {
    const posted = new Set(httpRoutes(manifest).filter(({ route }) => route.method !== 'GET').map(({ route }) => route.path));
    expect(tokenRoutes.filter((route) => posted.has(route.path) && !actionBehindLink[route.operationId]).map((route) => route.operationId)).toEqual([]);
  });

  it.each(pairs)('a %s token on the %s route', async (from, _to, route) => {
    const token = tokensByPurpose().get(from)?.token;
    // A purpose only a preview sample links to has no real token to try yet (test/RELIABILITY.md lists it); its route still refuses the others'.
    if (!token && pendingRoutes().includes(from)) return;
    expect(token, `a ${from} link in the walk`).toBeDefined();
    const before = await settledTableDump();
    const page = await api.call('GET', pageWith(route, token!), { headers: browser });
    expect(page.status, page.text.slice(0, 200)).toBe(404);
    const action = actionBehindLink[route.operationId]?.(token!);
    if (action) {
      const posted = await api.call(action.method, action.path, { json: action.json, form: action.form, headers: browser });
      expect(posted.status, posted.text.slice(0, 200)).toBe(404);
    }
    expect(await tableDump()).toEqual(before);
  });

  it.each(purposes)('%s: a made-up token of the same shape is refused, changing nothing', async (_id, route) => {
    const token = randomBytes(24).toString('base64url');
    const before = await settledTableDump();
    expect((await api.call('GET', pageWith(route, token), { headers: browser })).status).toBe(404);
    const action = actionBehindLink[route.operationId]?.(token);
    if (action) expect((await api.call(action.method, action.path, { json: action.json, form: action.form, headers: browser })).status).toBe(404);
    expect(await tableDump()).toEqual(before);
  });
});

describe('the settings page’s link to the colleagues form (a page’s link, not an email’s)', () => {
  it('carries a token of its own, which every other token route refuses, changing nothing', async () => {
    const preferences = tokensByPurpose().get('getPreferences')!;
    const settings = await api.call('GET', pageWith(preferences.route!, preferences.token!), { headers: browser });
    const token = decodeURIComponent(/href="\/colleagues\/([^"?]+)/.exec(settings.text)?.[1] ?? '');
    expect(token).not.toBe('');
    expect(token).not.toBe(preferences.token);
    const before = await settledTableDump();
    const answers: string[] = [];
    for (const route of tokenRoutes.filter((candidate) => candidate.operationId !== 'colleaguesPage')) {
      answers.push(`${route.operationId} page ${(await api.call('GET', pageWith(route, token), { headers: browser })).status}`);
      const action = actionBehindLink[route.operationId]?.(token);
      if (action) answers.push(`${route.operationId} action ${(await api.call(action.method, action.path, { json: action.json, form: action.form, headers: browser })).status}`);
    }
    expect(answers.filter((answer) => !answer.endsWith(' 404'))).toEqual([]);
    expect(await tableDump()).toEqual(before);
  });
});

/** The walk as markdown: a row per page a link opens, what its links carry and how the table keeps them. */
function linksTable(): string {
  const key = config.LINK_SIGNING_KEY!;
  const rows = [...new Set(apiLinks().map((link) => link.route!))]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((route) => {
      const links = apiLinks().filter((link) => link.route === route);
      const templatesOf = [...new Set(links.map((link) => link.template))].sort().join(', ');
      const tokens = links.filter((link) => link.token !== undefined);
      if (tokens.length === 0) return `| \`GET ${route.path}\` | ${templatesOf} | none (${route.access === 'public' ? 'public page' : 'admin page: a token of the office’s own'}) | 200, table unchanged | – |`;
      const bits = Math.min(...tokens.map((link) => Buffer.from(link.token!, 'base64url').length * 8));
      const mac = tokens.every((link) => link.token === preferencesLinkToken(key, link.to));
      // A MAC the walk can recompute is named; other tokens are random or MACs of inputs the walk does not know (a grant link's call).
      const kept = mac ? 'MAC of the address under the link signing key; its hash for the lookup' : 'random or a MAC; only its SHA-256 hash in the table';
      return `| \`GET ${route.path}\` | ${templatesOf} | ${bits} bits, ${kept} | 200, table unchanged | ${purposes.length - 1} other token routes: 404 (page and action), table unchanged |`;
    });
  const pending = pendingRoutes().map((id) => `\`${id}\``);
  return [
    `Generated by \`test/integration/safe-links.test.ts\`: every email of ${templatesWalked.size} templates (all of them), every link in its HTML, text, headers and calendar attachments. The real workflows ran through the local API, the table stream and the mailer (apply, verify, approve, reject, escalate, colleagues, contacts, a contact's new address, a grant digest, invite, accept, waitlist, decline, nudge, remind, change, cancel); ${samples.size === 0 ? 'every template was reached by one' : `templates no workflow reaches were sent with their preview sample through the real outbox and mailer (${[...samples.keys()].sort().join(', ')})`}.`,
    'Every link was opened with a GET when its email arrived (a mail scanner does) and the table dumped before and after; no URL held an address, name, phone, NIP or street of anyone in the walk; a raw token is nowhere in the table. A made-up token of the same shape gets 404 on every token route.',
    pending.length > 0 ? `Not walked yet: ${pending.join(', ')} — only a preview sample’s placeholder links there, as no use case sends its template yet.` : 'Every token route of the manifest was reached by a real emailed link.',
    '',
    '| page the link opens | templates | token | GET when its email arrived | another purpose’s token |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

describe('test/RELIABILITY.md', () => {
  it('shows the links this run walked (UPDATE_RELIABILITY=1 rewrites it)', () => {
    if (updatingReliability) writeReliabilitySection('safe-links', 'Safe links (issue 12, item 5)', linksTable());
    expect(reliabilitySection('safe-links'), 'run with UPDATE_RELIABILITY=1 to regenerate test/RELIABILITY.md').toBe(linksTable());
  });
});
