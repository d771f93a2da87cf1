import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { invokeFunction } from '../../infra/local/load-handler.js';
import { manifest } from '../../infra/manifest.js';
import { fanOutRepository } from '../../shared/adapters/dynamo/fan-out-repository.js';
import { recipientRepository } from '../../shared/adapters/dynamo/recipient-repository.js';
import { runFanOutStep } from '../../shared/domain/fanout/run-fan-out.js';
import { grantDayRunId, grantDayScope, grantDigestKind, grantDigestPager, startGrantDay } from '../../shared/domain/grants/digest-run.js';
import type { Interest } from '../../shared/domain/organisations/reference-data.js';
import { createdGrant, digestDependencies, digestsByAddress, digestsTo, eightAm, grantLinkToken, retried, runDay, stepToEnd } from '../support/grants.js';
import { useLocalApi } from '../support/local-api.js';
import { newAudience, seedMembers } from '../support/member-audience.js';
import { partition } from '../support/organisations.js';

const api = useLocalApi();

/**
 * Each test has its own interest (the calls' audience) and its own dates, so
 * the tests of this file, sharing its table, never see each other's reminders.
 */
async function membersInterestedIn(interest: Interest, count: number, label: string, contactsPerMember = 1) {
  const seed = newAudience({ members: count, contactsPerMember, label, interests: [interest] });
  await seedMembers(seed);
  return seed;
}

const segment = (interest: Interest) => ({ scope: 'segment', memberTypes: [], interests: [interest] });
const sentTo = async (email: string, date: string) => (await digestsTo(email)).filter((digest) => digest.messageId.startsWith(`grant-digest-${date}-`));

describe('the daily digest', () => {
  it('sends each contact due one digest listing every call due that day, nearest deadline first, with days left, links and the default offsets', { timeout: 60_000 }, async () => {
    const { contacts } = await membersInterestedIn('it', 3, 'digest');
    const later = await createdGrant(api.call, { callIdentifier: 'DIGEST-LATER', deadline: '2027-03-13T12:00', audience: segment('it'), offsets: [14, 7] });
    const sooner = await createdGrant(api.call, { callIdentifier: 'DIGEST-SOONER', deadline: '2027-03-06T12:00', audience: segment('it') });
    const elsewhere = await createdGrant(api.call, { callIdentifier: 'DIGEST-OTHERS', deadline: '2027-03-06T12:00', audience: segment('it'), offsets: [3] });

    // 2027-02-27: 7 days before the sooner deadline (default offsets 30/14/7/1), 14 before the later one; DIGEST-OTHERS is not due (3 days).
    const run = await runDay('2027-02-27');
    expect(run).toMatchObject({ status: 'DONE', counts: expect.objectContaining({ alreadyQueued: 0 }) });
    for (const contact of contacts) {
      const digests = await digestsTo(contact.email);
      expect(digests).toHaveLength(1);
      const [digest] = digests;
      expect(digest!.lang).toBe(contact.language);
      expect(digest!.data.contactName).toBe(contact.name);
      expect(digest!.data.calls.map((call) => [call.callIdentifier, call.daysLeft, call.deadline, call.late])).toEqual([
        ['DIGEST-SOONER', 7, '2027-03-06T11:00:00.000Z', undefined],
        ['DIGEST-LATER', 14, '2027-03-13T11:00:00.000Z', undefined],
      ]);
      expect(digest!.data.calls[0]!.title).toBe(contact.language === 'en' ? 'Cooperation partnerships in vocational education' : 'Partnerstwa współpracy w kształceniu zawodowym');
      expect(digest!.data.calls[0]!.notRelevantUrl).toMatch(/\/grant-reminders\/[\w-]{32}$/);
      expect(digest!.data.stopUrl).toMatch(/\/grant-reminders\/[\w-]{32}$/);
      // One marker per contact, call and offset, written with the digest.
      expect(await partition(`MARK#grant-sent#${contact.contactId}#${sooner.callId}#7`)).toHaveLength(1);
      expect(await partition(`MARK#grant-sent#${contact.contactId}#${later.callId}#14`)).toHaveLength(1);
    }
    const read = await api.call('GET', `/admin/grants/${sooner.callId}`, { role: 'viewer' });
    expect(read.json.remindersSent).toEqual({ '30': 0, '14': 0, '7': 3, '1': 0 });
    expect((await api.call('GET', `/admin/grants/${elsewhere.callId}`, { role: 'viewer' })).json.remindersSent).toEqual({ '3': 0 });
    // The run covered what was due: the due index keeps only what is still to come.
    expect((await partition(`GRANT#${sooner.callId}`)).filter((stored) => stored.sk.startsWith('DUE#')).map((stored) => stored.offset)).toEqual([1]);

    // The next day nothing new is due for them: no second digest.
    await runDay('2027-02-28');
    for (const contact of contacts) expect(await digestsTo(contact.email)).toHaveLength(1);
  });

  it('a double invocation and overlapping consumers send each reminder once', { timeout: 180_000 }, async () => {
    const { contacts } = await membersInterestedIn('industry_4_0', 60, 'double');
    const { callId } = await createdGrant(api.call, { callIdentifier: 'DOUBLE-1', deadline: '2027-05-10T12:00', audience: segment('industry_4_0'), offsets: [7] });
    const date = '2027-05-03';
    const { clock, deps } = digestDependencies(date);
    expect(await startGrantDay(eightAm(date), deps)).toEqual({ runDate: date, started: true });
    expect(await startGrantDay(new Date(eightAm(date).getTime() + 60_000), deps)).toEqual({ runDate: date, started: false });
    // Three consumers stepping the same run at once, as a retried stream batch and a second runner would.
    const runner = { clock, runs: fanOutRepository, kinds: { [grantDigestKind]: grantDigestPager(deps) } };
    const consumer = async () => {
      for (;;) {
        const run = await retried(() => runFanOutStep(grantDayScope(date), grantDayRunId, runner));
        if (!run || run.status !== 'RUNNING') return run;
      }
    };
    await Promise.all([consumer(), consumer(), consumer()]);
    const run = await fanOutRepository.get(grantDayScope(date), grantDayRunId);
    expect(run).toMatchObject({ status: 'DONE', counts: expect.objectContaining({ queued: 60 }) });
    const digests = await digestsByAddress();
    expect(contacts.map((contact) => digests.get(contact.email)?.length)).toEqual(contacts.map(() => 1));
    expect((await api.call('GET', `/admin/grants/${callId}`, { role: 'admin' })).json.remindersSent).toEqual({ '7': 60 });
  });

  it('two days’ runs overlapping send each (contact, call, offset) once', { timeout: 180_000 }, async () => {
    const { contacts } = await membersInterestedIn('healthcare', 30, 'overlap');
    await createdGrant(api.call, { callIdentifier: 'OVERLAP-1', deadline: '2027-06-20T12:00', audience: segment('healthcare'), offsets: [7] });
    // The 7-day reminder is due on the 13th; the 14th's run (as a catch-up) would send it too.
    await Promise.all([runDay('2027-06-13'), runDay('2027-06-14')]);
    const digests = await digestsByAddress();
    expect(contacts.map((contact) => digests.get(contact.email)?.length)).toEqual(contacts.map(() => 1));
  });

  it('a missed day is caught up by the next run, marked late; never after the deadline', { timeout: 60_000 }, async () => {
    const [contact] = (await membersInterestedIn('green_skills', 1, 'missed')).contacts;
    await createdGrant(api.call, { callIdentifier: 'MISSED-1', deadline: '2027-07-20T12:00', audience: segment('green_skills'), offsets: [14, 7] });
    await createdGrant(api.call, { callIdentifier: 'MISSED-PAST', deadline: '2027-07-15T07:30', audience: segment('green_skills'), offsets: [7] });
    // No run on the 8th (MISSED-PAST's 7-day) nor on the 13th (MISSED-1's 7-day); the 15th's run at 08:00 catches up MISSED-1 only:
    // MISSED-PAST's deadline passed at 07:30 that morning.
    await runDay('2027-07-06');
    await runDay('2027-07-15');
    const [first, second] = await digestsTo(contact!.email);
    expect(first!.data.calls.map((call) => [call.callIdentifier, call.daysLeft, call.late])).toEqual([['MISSED-1', 14, undefined]]);
    expect(second!.data.calls.map((call) => [call.callIdentifier, call.daysLeft, call.late])).toEqual([['MISSED-1', 5, true]]);
    await runDay('2027-07-21');
    expect(await digestsTo(contact!.email)).toHaveLength(2);
  });

  it('a moved deadline reschedules what was not sent; a deleted call stops', async () => {
    const [contact] = (await membersInterestedIn('languages', 1, 'moved')).contacts;
    const moved = await createdGrant(api.call, { callIdentifier: 'MOVED-1', deadline: '2027-08-20T12:00', audience: segment('languages'), offsets: [7] });
    const deleted = await createdGrant(api.call, { callIdentifier: 'DELETED-1', deadline: '2027-08-20T12:00', audience: segment('languages'), offsets: [7] });
    expect((await api.call('PATCH', `/admin/grants/${moved.callId}`, { role: 'admin', json: { deadline: '2027-08-27T12:00', version: 1 } })).status).toBe(200);
    expect((await api.call('DELETE', `/admin/grants/${deleted.callId}`, { role: 'admin' })).status).toBe(204);
    await runDay('2027-08-13');
    expect(await sentTo(contact!.email, '2027-08-13')).toEqual([]);
    await runDay('2027-08-20');
    const [digest] = await sentTo(contact!.email, '2027-08-20');
    expect(digest!.data.calls.map((call) => [call.callIdentifier, call.daysLeft, call.late])).toEqual([['MOVED-1', 7, undefined]]);
  });

  it('respects "not relevant" (its page changes nothing, its button does), "stop grant reminders" and suppressed addresses', async () => {
    const [kept, stopping, suppressed] = (await membersInterestedIn('entrepreneurship', 3, 'optout')).contacts;
    const first = await createdGrant(api.call, { callIdentifier: 'OPTOUT-A', deadline: '2027-09-20T12:00', audience: segment('entrepreneurship'), offsets: [14, 7] });
    await createdGrant(api.call, { callIdentifier: 'OPTOUT-B', deadline: '2027-09-20T15:00', audience: segment('entrepreneurship'), offsets: [14, 7] });
    await runDay('2027-09-06');
    const [digest] = await digestsTo(kept!.email);
    expect(digest!.data.calls.map((call) => call.callIdentifier)).toEqual(['OPTOUT-A', 'OPTOUT-B']);

    const notRelevant = grantLinkToken(digest!.data.calls[0]!.notRelevantUrl);
    const page = await api.call('GET', `/grant-reminders/${encodeURIComponent(notRelevant)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('OPTOUT-A');
    expect(page.text).toContain(`action="/grant-reminders/${encodeURIComponent(notRelevant)}?lang=${kept!.language}"`);
    expect(await partition(`GRANT_OPTOUT#${kept!.email}`)).toEqual([]);
    const pressed = await api.call('POST', `/grant-reminders/${encodeURIComponent(notRelevant)}`, { form: {}, headers: { accept: 'text/html' } });
    expect(pressed.status).toBe(200);
    expect(await partition(`GRANT_OPTOUT#${kept!.email}`)).toEqual([expect.objectContaining({ callId: first.callId })]);

    const [stoppingDigest] = await digestsTo(stopping!.email);
    const stop = grantLinkToken(stoppingDigest!.data.stopUrl);
    expect((await api.call('GET', `/grant-reminders/${encodeURIComponent(stop)}`)).status).toBe(200);
    expect((await recipientRepository.state(stopping!.email)).unsubscribed).toEqual([]);
    expect((await api.call('POST', `/grant-reminders/${encodeURIComponent(stop)}`)).status).toBe(200);
    expect((await recipientRepository.state(stopping!.email)).unsubscribed).toEqual(['grants']);

    await recipientRepository.suppress(suppressed!.email, 'Permanent bounce', 'bounced in a test', new Date());
    const run = await runDay('2027-09-13');
    expect((await sentTo(kept!.email, '2027-09-13'))[0]!.data.calls.map((call) => call.callIdentifier)).toEqual(['OPTOUT-B']);
    expect(await sentTo(stopping!.email, '2027-09-13')).toEqual([]);
    expect(await sentTo(suppressed!.email, '2027-09-13')).toEqual([]);
    expect(run.counts.skipped).toBe(2);
    expect((await api.call('GET', '/grant-reminders/unknown-token-0123456789')).status).toBe(404);
  });

  it('an address that is a contact of two members gets one digest with both members’ calls', async () => {
    const one = newAudience({ members: 1, contactsPerMember: 1, label: 'shared-a', interests: ['tourism'] });
    const two = newAudience({ members: 1, contactsPerMember: 1, label: 'shared-b', interests: ['vocational_education'], type: 'company' });
    two.contacts[0]!.email = one.contacts[0]!.email.toUpperCase();
    await seedMembers(one);
    await seedMembers(two);
    const tourism = await createdGrant(api.call, { callIdentifier: 'SHARED-TOURISM', deadline: '2027-10-20T12:00', audience: segment('tourism'), offsets: [7] });
    const companies = await createdGrant(api.call, { callIdentifier: 'SHARED-COMPANIES', deadline: '2027-10-22T12:00', audience: { scope: 'segment', memberTypes: ['company'], interests: [] }, offsets: [9] });
    await runDay('2027-10-13');
    const digests = [...(await digestsTo(one.contacts[0]!.email)), ...(await digestsTo(two.contacts[0]!.email))];
    expect(digests).toHaveLength(1);
    expect(digests[0]!.data.calls.map((call) => call.callIdentifier)).toEqual(['SHARED-TOURISM', 'SHARED-COMPANIES']);
    // Each contact's own reminder is marked: the address's digest speaks for both.
    expect(await partition(`MARK#grant-sent#${one.contacts[0]!.contactId}#${tourism.callId}#7`)).toHaveLength(1);
    expect(await partition(`MARK#grant-sent#${two.contacts[0]!.contactId}#${companies.callId}#9`)).toHaveLength(1);
  });

  it('counts days across a DST change by the calendar: the run on the day clocks go forward', async () => {
    const [contact] = (await membersInterestedIn('it', 1, 'dst')).contacts;
    // 2028-03-26 is the spring-forward Sunday; the deadline is two calendar days (47 hours) later.
    await createdGrant(api.call, { callIdentifier: 'DST-1', deadline: '2028-03-28T09:00', audience: segment('it'), offsets: [2] });
    await stepToEnd('2028-03-26');
    const [digest] = await sentTo(contact!.email, '2028-03-26');
    expect(digest!.data.calls.map((call) => [call.callIdentifier, call.daysLeft, call.deadline])).toEqual([['DST-1', 2, '2028-03-28T07:00:00.000Z']]);
  });

  it('each digest links to the contact’s deadline calendar: the open calls of its audience as events in Warsaw time, parsed by an iCalendar parser', async () => {
    const seed = newAudience({ members: 1, contactsPerMember: 1, label: 'calendar', type: 'ngo', interests: [] });
    await seedMembers(seed);
    const ngo = { scope: 'segment', memberTypes: ['ngo'], interests: [] };
    await createdGrant(api.call, { callIdentifier: 'CAL-1', deadline: '2027-12-20T12:00', audience: ngo, offsets: [7] });
    const later = await createdGrant(api.call, { callIdentifier: 'CAL-2', deadline: '2028-07-01T15:30', audience: ngo, offsets: [7] });
    await createdGrant(api.call, { callIdentifier: 'CAL-OTHERS', deadline: '2027-12-21T12:00', audience: { scope: 'segment', memberTypes: ['chamber'], interests: [] }, offsets: [7] });
    await runDay('2027-12-13');
    const [digest] = await digestsTo(seed.contacts[0]!.email);
    const calendarUrl = (digest!.data as { calendarUrl?: string }).calendarUrl!;
    expect(calendarUrl).toMatch(/\/calendar\/[\w-]{32}$/);
    expect(calendarUrl).not.toContain(seed.contacts[0]!.contactId);
    const path = new URL(calendarUrl).pathname;

    const feed = await api.call('GET', path);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(feed.text));
    const components = calendar.getAllSubcomponents('vevent');
    const events = components.map((component) => new ICAL.Event(component));
    expect(events.map((event) => event.summary)).toEqual([
      'Termin naboru: Erasmus+ – Partnerstwa współpracy w kształceniu zawodowym',
      'Termin naboru: Erasmus+ – Partnerstwa współpracy w kształceniu zawodowym',
    ]);
    const summer = events[1]!;
    expect(summer.uid).toBe(`${later.callId}@grants.glokal.eu`);
    expect(components[1]!.getFirstProperty('dtend')!.getParameter('tzid')).toBe('Europe/Warsaw');
    expect(summer.endDate.toString()).toBe('2028-07-01T15:30:00');
    expect(summer.endDate.toJSDate().toISOString()).toBe('2028-07-01T13:30:00.000Z');
    expect(events[0]!.endDate.toJSDate().toISOString()).toBe('2027-12-20T11:00:00.000Z');

    // A calendar token opens no page, and a page's token no calendar; made-up ones neither.
    expect((await api.call('GET', path.replace('/calendar/', '/grant-reminders/'))).status).toBe(404);
    expect((await api.call('GET', `/calendar/${grantLinkToken(digest!.data.stopUrl)}`)).status).toBe(404);
    expect((await api.call('GET', '/calendar/unknown-token-0123456789')).status).toBe(404);
  });
});

describe('the sample scheduler event', () => {
  it('starts the day of its time, as npm run invoke runs it; a second invocation starts nothing', async () => {
    const sample = JSON.parse(readFileSync('events/schedule/grant-deadline-reminders.json', 'utf8'));
    const declaration = manifest.find((fn) => fn.name === 'grant-deadline-reminders')!;
    expect(declaration.triggers[0]).toMatchObject({ kind: 'schedule', cron: '0 8 * * ? *', timeZone: 'Europe/Warsaw' });
    expect(await invokeFunction(declaration, sample)).toEqual({ runDate: '2027-02-26', started: true });
    expect(await invokeFunction(declaration, sample)).toEqual({ runDate: '2027-02-26', started: false });
    expect(await fanOutRepository.get('GRANT_DAY#2027-02-26', 'digests')).toMatchObject({ kind: 'grant-digest', params: { runDate: '2027-02-26' } });
  });
});
