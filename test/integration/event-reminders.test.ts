import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { invokeFunction } from '../../infra/local/load-handler.js';
import { manifest } from '../../infra/manifest.js';
import { fanOutRepository } from '../../shared/adapters/dynamo/fan-out-repository.js';
import type { ReminderDayResult } from '../../shared/domain/events/event-reminders.js';
import type { Invitee } from '../../shared/domain/events/invitation.js';
import { invite, invitee, scheduledEvent } from '../support/invitations.js';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail, waitForEmails, type SentEmail } from '../support/mailbox.js';
import { useMailer } from '../support/stream-poller.js';

/*
 * Reminders across both DST changes (issue 10, item 6), through the real
 * path: the `event-reminders` handler is invoked with scheduler events whose
 * `time` is 09:00 Warsaw time of successive days (07:00Z in summer time,
 * 08:00Z in winter time), it starts the due runs, the table stream brings
 * them to the fan-out runner, and the mailer sends to local SES. Some days
 * run twice (a doubled invocation), some not at all (missed days).
 *
 * Start times just after local midnight make the Warsaw date differ from
 * the UTC date, so counting days in UTC, or as multiples of 24 hours across
 * a DST change, picks the wrong day and fails.
 */

const api = useLocalApi();
useMailer();

const reminders = manifest.find((fn) => fn.name === 'event-reminders')!;

/** The scheduler's event for 09:00 Warsaw time on a day: `utcHour` is 7 in summer time, 8 in winter time. */
const schedulerEvent = (date: string, utcHour: 7 | 8) => ({
  version: '0',
  id: `reminders-${date}`,
  'detail-type': 'Scheduled Event',
  source: 'aws.scheduler',
  account: '000000000000',
  time: `${date}T0${utcHour}:00:00Z`,
  region: 'eu-central-1',
  resources: ['arn:aws:scheduler:eu-central-1:000000000000:schedule/default/event-reminders-0'],
  detail: {},
});

type Kind = 'reminder-7d' | 'reminder-1d' | 'rsvp-nudge';

/** The kind of a reminder email by its subject (PL or EN); undefined for any other email. */
function kindOf(email: SentEmail): Kind | undefined {
  if (/^(Czekamy na odpowiedź|Awaiting your answer):/.test(email.subject)) return 'rsvp-nudge';
  if (!/^(Przypomnienie|Reminder):/.test(email.subject)) return undefined;
  return /(jutro|tomorrow|dziś|today)$/.test(email.subject) ? 'reminder-1d' : 'reminder-7d';
}

interface Person {
  label: string;
  invitee: Invitee;
}

/** An event through the admin API with one invitee per answer given (`accept`, `decline`, or none). */
async function eventWith(label: string, times: { start: string; end: string; rsvpDeadline: string }, answers: Array<'accept' | 'decline' | 'none'>) {
  const eventId = await scheduledEvent(api.call, times);
  const people: Person[] = answers.map((answer, index) => ({
    label: `${label}-${answer}`,
    invitee: invitee(`${label}-${answer}-${index}`, { email: uniqueEmail(`${label}-${answer}`), language: index % 2 ? 'en' : 'pl' }),
  }));
  const tokens = await invite(eventId, people.map((person) => person.invitee));
  for (const [index, answer] of answers.entries()) {
    if (answer === 'none') continue;
    const answered = await api.call('POST', `/rsvp/${tokens.get(people[index]!.invitee.inviteeId)}`, { json: { response: answer } });
    expect(answered.status).toBe(200);
  }
  return { eventId, people };
}

/**
 * Drives the days and records, per day, each person's reminder emails that
 * arrived. Each invocation's started runs are awaited (DONE), and the emails
 * they queued are awaited in local SES, before the next day runs.
 */
function reminderDays(people: Person[]) {
  const arrived = new Map<string, number>(people.map((person) => [person.invitee.email, 0]));
  const byDay: Record<string, string[]> = {};
  const results: Record<string, ReminderDayResult[]> = {};

  async function run(date: string, utcHour: 7 | 8) {
    const result = (await invokeFunction(reminders, schedulerEvent(date, utcHour))) as ReminderDayResult;
    expect(result.runDate).toBe(date);
    (results[date] ??= []).push(result);
    let queued = 0;
    for (const started of result.started) {
      const [eventId, runId] = started.split('/') as [string, string];
      const ended = await runEnded(eventId, runId);
      expect(ended?.status, started).toBe('DONE');
      queued += ended!.counts.queued ?? 0;
    }
    // Every email a run queued arrives (the mailer is the stream's, as under npm start); then what arrived is this day's.
    const deadline = Date.now() + 20_000;
    let fresh: string[] = [];
    do {
      fresh = [];
      for (const person of people) {
        const emails = (await waitForEmails(person.invitee.email, 0, 0, (email) => kindOf(email) !== undefined)).map(kindOf);
        for (const kind of emails.slice(arrived.get(person.invitee.email))) fresh.push(`${person.label}:${kind}`);
      }
      if (fresh.length >= queued) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    } while (Date.now() < deadline);
    for (const person of people) arrived.set(person.invitee.email, arrived.get(person.invitee.email)! + fresh.filter((entry) => entry.startsWith(`${person.label}:`)).length);
    byDay[date] = [...(byDay[date] ?? []), ...fresh].sort();
  }

  return { run, byDay, results };
}

async function runEnded(eventId: string, runId: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await fanOutRepository.get(`EVENT#${eventId}`, runId);
    if ((run && run.status !== 'RUNNING') || Date.now() > deadline) return run;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const startedOn = (results: ReminderDayResult[] | undefined) => (results ?? []).flatMap((result) => result.started).sort();

describe('event reminders across the spring DST change (2027-03-28)', () => {
  it('sends each reminder once, on the right Warsaw day; catches a missed day up with only the latest kind; never after the start or the deadline; nothing for a cancelled event', { timeout: 240_000 }, async () => {
    // Starts 00:30 on 4 April (22:30Z on 3 April): 7 days before is the DST day itself, 1 day before is 3 April.
    // The deadline 00:30 on 1 April (22:30Z on 31 March): the nudge is due on 29 March.
    const overnight = await eventWith('overnight', { start: '2027-04-04T00:30', end: '2027-04-04T01:30', rsvpDeadline: '2027-04-01T00:30' }, ['accept', 'none', 'decline']);
    // Starts 27 March: the first run (26 March) is already 1 day before, so the 1-day reminder only, never the 7-day one.
    const soon = await eventWith('soon', { start: '2027-03-27T12:00', end: '2027-03-27T15:00', rsvpDeadline: '2027-03-20T12:00' }, ['accept']);
    // Starts 08:00 on 31 March: its 7-day reminder is caught up on 26 March (two days late); its 1-day day (30 March) is
    // missed and never made up, since the next run (1 April) is after the start.
    const missed = await eventWith('missed', { start: '2027-03-31T08:00', end: '2027-03-31T12:00', rsvpDeadline: '2027-03-20T12:00' }, ['accept']);
    // Its deadline (08:00 on 26 March) passes before the first run: no nudge, ever.
    const closed = await eventWith('closed', { start: '2027-04-20T10:00', end: '2027-04-20T12:00', rsvpDeadline: '2027-03-26T08:00' }, ['none']);
    // Cancelled: nothing, though its reminders and nudge would be due.
    const cancelled = await eventWith('cancelled', { start: '2027-03-30T10:00', end: '2027-03-30T12:00', rsvpDeadline: '2027-03-29T12:00' }, ['accept', 'none']);
    expect((await api.call('POST', `/admin/events/${cancelled.eventId}/cancel`, { role: 'admin', json: {} })).status).toBe(200);

    const days = reminderDays([...overnight.people, ...soon.people, ...missed.people, ...closed.people, ...cancelled.people]);
    await days.run('2027-03-26', 8);
    await days.run('2027-03-27', 8);
    await days.run('2027-03-28', 7); // DST day: 09:00 CEST is 07:00Z
    await days.run('2027-03-28', 7); // a doubled invocation
    await days.run('2027-03-29', 7);
    // 30 and 31 March: no run at all.
    await days.run('2027-04-01', 7);
    await days.run('2027-04-02', 7);
    await days.run('2027-04-03', 7);
    await days.run('2027-04-04', 7); // after the overnight event's start

    expect(days.byDay).toEqual({
      '2027-03-26': ['missed-accept:reminder-7d', 'soon-accept:reminder-1d'],
      '2027-03-27': [],
      '2027-03-28': ['overnight-accept:reminder-7d'],
      '2027-03-29': ['overnight-none:rsvp-nudge'],
      '2027-04-01': [],
      '2027-04-02': [],
      '2027-04-03': ['overnight-accept:reminder-1d'],
      '2027-04-04': [],
    });
    // The doubled invocation started nothing; the runs started are exactly these.
    expect(days.results['2027-03-28']![1]!.started).toEqual([]);
    expect([...days.results['2027-03-28']![1]!.alreadyStarted].sort()).toEqual([`${overnight.eventId}/reminder-7d`, `${missed.eventId}/reminder-7d`].sort());
    expect(startedOn(days.results['2027-03-26'])).toEqual([`${missed.eventId}/reminder-7d`, `${soon.eventId}/reminder-1d`].sort());
    expect(startedOn(days.results['2027-04-01'])).toEqual([]);
    expect(await fanOutRepository.list(`EVENT#${cancelled.eventId}`)).toEqual([expect.objectContaining({ runId: 'cancel-1' })]);
    expect(await fanOutRepository.list(`EVENT#${closed.eventId}`)).toEqual([]);
    expect((await fanOutRepository.list(`EVENT#${soon.eventId}`)).map((run) => run.runId)).toEqual(['reminder-1d']);

    // The reminder's link opens the attendee's own RSVP page; the 1-day reminder says "tomorrow" in the reader's language.
    const [dayBefore] = await waitForEmails(overnight.people[0]!.invitee.email, 1, 1_000, (email) => kindOf(email) === 'reminder-1d');
    expect(dayBefore?.subject).toBe('Przypomnienie: Forum „Kształcenie zawodowe” jutro');
    const token = /\/rsvp\/([\w-]+)/.exec(dayBefore!.body.text!)![1]!;
    const page = await api.call('GET', `/rsvp/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/data-answer="ACCEPTED"/);
    const [nudge] = await waitForEmails(overnight.people[1]!.invitee.email, 1, 1_000, (email) => kindOf(email) === 'rsvp-nudge');
    expect(nudge?.subject).toBe('Awaiting your answer: Vocational education forum');
    expect(nudge?.body.text).toMatch(/\/rsvp\/[\w-]+\?response=accept/);
  });
});

describe('event reminders across the autumn DST change (2027-10-31)', () => {
  it('sends each reminder once, on the right Warsaw day, and catches a missed 1-day reminder up on the day itself while the event has not begun', { timeout: 240_000 }, async () => {
    // Starts 00:30 on 7 November (23:30Z on 6 November): 7 days before is the DST day (31 October), 1 day before is 6 November.
    // The deadline 00:15 on 4 November (23:15Z on 3 November): the nudge is due on 1 November.
    const overnight = await eventWith('autumn', { start: '2027-11-07T00:30', end: '2027-11-07T02:00', rsvpDeadline: '2027-11-04T00:15' }, ['accept', 'none']);
    // Starts 10:00 on 4 November: its 1-day day (3 November) has no run, so the run at 09:00 on 4 November sends it, before the start.
    const caughtUp = await eventWith('caught-up', { start: '2027-11-04T10:00', end: '2027-11-04T12:00', rsvpDeadline: '2027-10-20T12:00' }, ['accept']);

    const days = reminderDays([...overnight.people, ...caughtUp.people]);
    await days.run('2027-10-29', 7);
    await days.run('2027-10-30', 7);
    await days.run('2027-10-31', 8); // DST day: 09:00 CET is 08:00Z
    await days.run('2027-10-31', 8); // a doubled invocation
    await days.run('2027-11-01', 8);
    await days.run('2027-11-02', 8);
    // 3 November: no run.
    await days.run('2027-11-04', 8);
    await days.run('2027-11-05', 8);
    await days.run('2027-11-06', 8);
    await days.run('2027-11-06', 8);
    await days.run('2027-11-07', 8);

    expect(days.byDay).toEqual({
      '2027-10-29': ['caught-up-accept:reminder-7d'],
      '2027-10-30': [],
      '2027-10-31': ['autumn-accept:reminder-7d'],
      '2027-11-01': ['autumn-none:rsvp-nudge'],
      '2027-11-02': [],
      '2027-11-04': ['caught-up-accept:reminder-1d'],
      '2027-11-05': [],
      '2027-11-06': ['autumn-accept:reminder-1d'],
      '2027-11-07': [],
    });
    const [today] = await waitForEmails(caughtUp.people[0]!.invitee.email, 1, 1_000, (email) => kindOf(email) === 'reminder-1d');
    expect(today?.subject).toBe('Przypomnienie: Forum „Kształcenie zawodowe” dziś');
    const [sevenDays] = await waitForEmails(overnight.people[0]!.invitee.email, 1, 1_000, (email) => kindOf(email) === 'reminder-7d');
    expect(sevenDays?.subject).toBe('Przypomnienie: Forum „Kształcenie zawodowe” za 7 dni');
  });
});

describe('the sample scheduler event in events/schedule', () => {
  it('runs the reminders for its day, as npm run invoke runs it', async () => {
    const sample = JSON.parse(readFileSync('events/schedule/event-reminders.json', 'utf8'));
    const result = (await invokeFunction(reminders, sample)) as ReminderDayResult;
    expect(result.runDate).toBe('2027-05-13');
    const winter = JSON.parse(readFileSync('events/schedule/event-reminders-winter.json', 'utf8'));
    expect(((await invokeFunction(reminders, winter)) as ReminderDayResult).runDate).toBe('2027-11-02');
  });
});
