import { describe, expect, it } from 'vitest';
import { parseWarsawLocalTime } from '../../../shared/domain/calendar/warsaw-time.js';
import { cancelEvent } from '../../../shared/domain/events/cancel-event.js';
import { createEvent, type EventDependencies } from '../../../shared/domain/events/create-event.js';
import type { EventInput } from '../../../shared/domain/events/event.js';
import type { EventFanOutDependencies } from '../../../shared/domain/events/event-fan-outs.js';
import { cancelNoticePager, cancelNoticeRun, updateNoticePager } from '../../../shared/domain/events/event-notices.js';
import { dueReminders, nudgePager, reminderPager } from '../../../shared/domain/events/event-reminders.js';
import type { Invitation } from '../../../shared/domain/events/invitation.js';
import type { FanOutRun } from '../../../shared/domain/fanout/fan-out.js';
import { newFanOutRun } from '../../../shared/domain/fanout/run-fan-out.js';
import { updateEvent } from '../../../shared/domain/events/update-event.js';
import { fixedClock } from '../../../shared/platform/clock.js';
import { sequentialIds } from '../../support/fakes/in-memory-application-store.js';
import { inMemoryEventStore } from '../../support/fakes/in-memory-event-store.js';

const admin = { subject: 'sub-admin-1' };

function instant(local: string): string {
  const parsed = parseWarsawLocalTime(local);
  if (!parsed.ok) throw new Error(`${local}: ${parsed.refusal}`);
  return parsed.instant.toISOString();
}

/** The run at 09:00 Warsaw time of a day (07:00Z in summer time, 08:00Z in winter time). */
const nineOClock = (date: string) => new Date(instant(`${date}T09:00`));

const scheduled = (start: string, deadline: string) => ({ status: 'SCHEDULED' as const, startsAt: instant(start), rsvpDeadlineAt: instant(deadline) });

describe('dueReminders', () => {
  it('counts Warsaw calendar days across the spring change: an event at 00:30 on 4 April 2027 has its 7-day reminder on 28 March (the DST day), its 1-day one on 3 April', () => {
    const event = scheduled('2027-04-04T00:30', '2027-03-01T12:00');
    expect(dueReminders(event, nineOClock('2027-03-27'))).toEqual([]);
    expect(dueReminders(event, nineOClock('2027-03-28'))).toEqual([{ runId: 'reminder-7d', daysBefore: 7 }]);
    expect(dueReminders(event, nineOClock('2027-04-02'))).toEqual([{ runId: 'reminder-7d', daysBefore: 2 }]);
    expect(dueReminders(event, nineOClock('2027-04-03'))).toEqual([{ runId: 'reminder-1d', daysBefore: 1 }]);
    expect(dueReminders(event, nineOClock('2027-04-04'))).toEqual([]);
  });

  it('counts Warsaw calendar days across the autumn change, and the nudge 3 days before the deadline’s Warsaw date', () => {
    const event = scheduled('2027-11-07T00:30', '2027-11-04T00:15');
    expect(dueReminders(event, nineOClock('2027-10-30'))).toEqual([]);
    expect(dueReminders(event, nineOClock('2027-10-31'))).toEqual([{ runId: 'reminder-7d', daysBefore: 7 }]);
    expect(dueReminders(event, nineOClock('2027-11-01'))).toEqual([
      { runId: 'reminder-7d', daysBefore: 6 },
      { runId: 'rsvp-nudge', daysBefore: 3 },
    ]);
    // The deadline (00:15 on 4 November) has passed by the 09:00 run of that day.
    expect(dueReminders(event, nineOClock('2027-11-04'))).toEqual([{ runId: 'reminder-7d', daysBefore: 3 }]);
  });

  it('a run on the start day before the start still owes the 1-day reminder (a missed day caught up); after the start nothing; a cancelled event nothing', () => {
    const event = scheduled('2027-11-04T10:00', '2027-10-20T12:00');
    expect(dueReminders(event, nineOClock('2027-11-04'))).toEqual([{ runId: 'reminder-1d', daysBefore: 0 }]);
    expect(dueReminders(event, new Date(instant('2027-11-04T10:00')))).toEqual([]);
    expect(dueReminders({ ...event, status: 'CANCELLED' }, nineOClock('2027-11-03'))).toEqual([]);
  });
});

const input = (overrides: Partial<EventInput> = {}): EventInput => ({
  title: { pl: 'Seminarium', en: 'Seminar' },
  description: { pl: 'Opis.', en: 'Description.' },
  type: 'seminar',
  start: '2027-01-21T10:00',
  end: '2027-01-21T15:00',
  rsvpDeadline: '2027-01-14T23:59',
  venue: 'ul. Kuźnicza 10, Wrocław',
  capacity: 50,
  audience: { scope: 'all' },
  extraInvitees: [],
  ...overrides,
});

function setup() {
  const fake = inMemoryEventStore();
  const deps: EventDependencies = { clock: fixedClock('2026-11-20T09:00:00Z'), ids: sequentialIds('id'), store: fake.store };
  return { ...fake, deps };
}

describe('the notice runs written with an event’s change', () => {
  it('a change of time starts `update-<sequence>` naming the sequence and what changed; a change of place says place; another change starts none', async () => {
    const { deps, noticeRuns } = setup();
    const event = await createEvent(input(), admin, deps);
    await updateEvent(event.eventId, { capacity: 60 }, admin, deps);
    expect(noticeRuns).toEqual([]);
    await updateEvent(event.eventId, { start: '2027-01-21T11:00', end: '2027-01-21T16:00' }, admin, deps);
    await updateEvent(event.eventId, { venue: 'ul. Wystawowa 1, Wrocław' }, admin, deps);
    expect(noticeRuns).toEqual([
      expect.objectContaining({ scope: `EVENT#${event.eventId}`, runId: 'update-1', kind: 'event-update-notice', status: 'RUNNING', params: { eventId: event.eventId, sequence: '1', changed: 'time' }, startedBy: 'sub-admin-1' }),
      expect.objectContaining({ runId: 'update-2', params: { eventId: event.eventId, sequence: '2', changed: 'place' } }),
    ]);
  });

  it('the cancellation starts `cancel-<sequence>` at the cancellation’s sequence', async () => {
    const { deps, noticeRuns } = setup();
    const event = await createEvent(input(), admin, deps);
    await cancelEvent(event.eventId, {}, admin, deps);
    expect(noticeRuns).toEqual([expect.objectContaining({ runId: 'cancel-1', kind: 'event-cancel-notice', params: { eventId: event.eventId, sequence: '1' } })]);
  });
});

describe('a notice run’s pages', () => {
  async function noticeSetup() {
    const { deps, store, noticeRuns } = setup();
    const event = await createEvent(input(), admin, deps);
    const accepted: Invitation = { eventId: event.eventId, inviteeId: 'contact-1', email: 'a@example.test', name: 'A', language: 'en', answer: 'ACCEPTED', invitedAt: event.createdAt, version: 2 };
    const links: string[] = [];
    let runs: FanOutRun[] = [];
    const fanOut: EventFanOutDependencies = {
      clock: deps.clock,
      ids: deps.ids,
      store,
      roster: {
        page: async (_eventId, answers) => ({ invitations: answers.includes('ACCEPTED') ? [accepted] : [] }),
        addLinks: async (written) => void links.push(...written.map((link) => link.inviteeId)),
      },
      runs: { start: async () => 'started', list: async () => runs },
      publicBaseUrl: 'https://glokal.test',
      calendar: (calendarEvent) => ({ filename: 'event.ics', contentType: 'text/calendar; method=PUBLISH', content: `SEQUENCE:${calendarEvent.sequence}` }),
    };
    return { deps, event, noticeRuns, links, fanOut, setRuns: (next: FanOutRun[]) => (runs = next) };
  }

  it('an older run stops once the event’s sequence has moved on; the newer one waits for it to end before its first email', async () => {
    const { deps, event, noticeRuns, links, fanOut, setRuns } = await noticeSetup();
    await updateEvent(event.eventId, { start: '2027-01-21T11:00' }, admin, deps);
    await updateEvent(event.eventId, { start: '2027-01-21T12:00' }, admin, deps);
    const [older, newer] = noticeRuns as [FanOutRun, FanOutRun];
    const pager = updateNoticePager(fanOut);

    expect(await pager(older)).toEqual({ units: [], stop: true });
    setRuns([older, newer]);
    const waiting = await pager(newer);
    expect(waiting).toEqual({ units: [], cursor: expect.any(String) });
    expect(await pager({ ...newer, cursor: waiting.cursor! })).toEqual(waiting);
    setRuns([{ ...older, status: 'STOPPED' }, newer]);
    const page = await pager({ ...newer, cursor: waiting.cursor! });
    expect(page.cursor).toBeUndefined();
    expect(page.units).toEqual([
      {
        message: expect.objectContaining({
          messageId: `event-${event.eventId}-update-2-contact-1`,
          to: 'a@example.test',
          template: 'event-updated',
          // The stopped older change was of the time too: named once.
          data: expect.objectContaining({ changed: ['time'], rsvpUrl: expect.stringMatching(/^https:\/\/glokal\.test\/rsvp\/[\w-]+$/) }),
          attachments: [expect.objectContaining({ content: 'SEQUENCE:2' })],
        }),
      },
    ]);
    expect(links).toEqual(['contact-1']);
  });

  it('names the changes of older notices stopped before they reached everyone, not those of a notice that did', async () => {
    const { deps, event, noticeRuns, fanOut, setRuns } = await noticeSetup();
    await updateEvent(event.eventId, { venue: 'ul. Wystawowa 1, Wrocław' }, admin, deps);
    await updateEvent(event.eventId, { onlineUrl: 'https://meet.example.test/glokal' }, admin, deps);
    await updateEvent(event.eventId, { start: '2027-01-21T11:00' }, admin, deps);
    const [placeDone, placeStopped, time] = noticeRuns as [FanOutRun, FanOutRun, FanOutRun];
    const changedIn = async () => {
      const [unit] = (await updateNoticePager(fanOut)(time)).units;
      return (unit!.message.data as { changed: string[] }).changed;
    };
    setRuns([{ ...placeDone, status: 'DONE' }, { ...placeStopped, status: 'STOPPED' }, time]);
    expect(await changedIn()).toEqual(['time', 'place']);
    setRuns([{ ...placeDone, status: 'STOPPED' }, { ...placeStopped, status: 'DONE' }, time]);
    expect(await changedIn()).toEqual(['time']);
  });

  it('a cancellation run is not held up by reminders, only by older notices', async () => {
    const { deps, event, fanOut, setRuns } = await noticeSetup();
    const cancelled = await cancelEvent(event.eventId, {}, admin, deps);
    setRuns([newFanOutRun({ scope: `EVENT#${event.eventId}`, runId: 'reminder-7d', kind: 'event-reminder', params: { eventId: event.eventId }, startedBy: 'event-reminders' }, new Date())]);
    const page = await cancelNoticePager(fanOut)(cancelNoticeRun(cancelled, admin, new Date()));
    expect(page.units).toHaveLength(1);
    expect(page.units[0]!.message.template).toBe('event-cancelled');
  });
});

describe('a reminder or nudge run’s pages', () => {
  it('stop once the event has started (reminders) or the RSVP deadline has passed (nudge), and for a cancelled event; before that, one email per invitee with a new link', async () => {
    const { deps, store } = setup();
    const event = await createEvent(input(), admin, deps);
    const invitations: Invitation[] = [{ eventId: event.eventId, inviteeId: 'contact-1', email: 'a@example.test', name: 'A', language: 'pl', answer: 'NONE', invitedAt: event.createdAt, version: 1 }];
    const clock = fixedClock('2027-01-14T12:00:00Z');
    const fanOut: EventFanOutDependencies = {
      clock,
      ids: deps.ids,
      store,
      roster: { page: async () => ({ invitations }), addLinks: async () => undefined },
      runs: { start: async () => 'started', list: async () => [] },
      publicBaseUrl: 'https://glokal.test',
      calendar: () => ({ filename: 'event.ics', contentType: 'text/calendar', content: '' }),
    };
    const run = (runId: string, kind: string) => newFanOutRun({ scope: `EVENT#${event.eventId}`, runId, kind, params: { eventId: event.eventId, daysBefore: '1' }, startedBy: 'event-reminders' }, new Date());
    const nudge = nudgePager(fanOut);
    const reminder = reminderPager(fanOut);

    const nudged = await nudge(run('rsvp-nudge', 'event-rsvp-nudge'));
    expect(nudged.units.map((unit) => [unit.message.messageId, unit.message.template])).toEqual([[`event-${event.eventId}-rsvp-nudge-contact-1`, 'rsvp-nudge']]);
    expect(nudged.units[0]!.message.data).toMatchObject({ acceptUrl: expect.stringMatching(/\/rsvp\/[\w-]+\?response=accept$/), declineUrl: expect.stringMatching(/\?response=decline$/) });
    // The deadline is 23:59 on 14 January (22:59Z).
    clock.set('2027-01-14T22:59:00Z');
    expect(await nudge(run('rsvp-nudge', 'event-rsvp-nudge'))).toEqual({ units: [], stop: true });

    expect((await reminder(run('reminder-1d', 'event-reminder'))).units).toHaveLength(1);
    // The start is 10:00 on 21 January (09:00Z).
    clock.set('2027-01-21T09:00:00Z');
    expect(await reminder(run('reminder-1d', 'event-reminder'))).toEqual({ units: [], stop: true });

    clock.set('2027-01-15T09:00:00Z');
    await cancelEvent(event.eventId, {}, admin, deps);
    expect(await reminder(run('reminder-1d', 'event-reminder'))).toEqual({ units: [], stop: true });
  });
});
