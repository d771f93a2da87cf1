import { warsawDate, warsawDaysBetween } from '../calendar/warsaw-time.js';
import type { FanOutPager, FanOutRun } from '../fanout/fan-out.js';
import { newFanOutRun } from '../fanout/run-fan-out.js';
import type { ClusterEvent, EventSummary } from './event.js';
import { eventFanOutPageSize, eventRunScope, freshRsvpUrls, inviteePage, stoppedPage, type EventFanOutDependencies } from './event-fan-outs.js';
import { mailEvent } from './rsvp.js';

/**
 * Reminders (issue 10, item 6): to accepted attendees 7 days and 1 day
 * before the start, a nudge to those who have not answered 3 days before the
 * RSVP deadline. Days are Warsaw calendar days (a DST change day is one day,
 * however long), counted from the run's date — the Warsaw date of the
 * scheduler event's time, so a late or repeated invocation judges the day it
 * was meant for.
 *
 * Once per contact, event and kind: each kind's run has a fixed id in the
 * event's partition (`reminder-7d`, `reminder-1d`, `rsvp-nudge`), so a second
 * start is a no-op, and its emails have ids per invitee, so a page made
 * again queues nothing twice.
 */
export const reminderKind = 'event-reminder';
export const nudgeKind = 'event-rsvp-nudge';

export type ReminderRunId = 'reminder-7d' | 'reminder-1d' | 'rsvp-nudge';

/** A reminder run due on a day, and the calendar days it speaks of. */
export interface DueReminder {
  runId: ReminderRunId;
  daysBefore: number;
}

const daysBetween = (from: Date, to: string) => warsawDaysBetween(warsawDate(from), warsawDate(new Date(to)));

/**
 * What is due for an event on the run at `at`. Of the attendee reminders
 * only the latest: a run that missed the 7-day day but is within a day of the
 * start sends the 1-day one, and the 7-day one is never sent after it. Never
 * once the start (reminders) or the deadline (nudge) has passed.
 */
export function dueReminders(event: Pick<EventSummary, 'status' | 'startsAt' | 'rsvpDeadlineAt'>, at: Date): DueReminder[] {
  if (event.status !== 'SCHEDULED') return [];
  const due: DueReminder[] = [];
  if (at.getTime() < new Date(event.startsAt).getTime()) {
    const daysBefore = daysBetween(at, event.startsAt);
    if (daysBefore <= 1) due.push({ runId: 'reminder-1d', daysBefore });
    else if (daysBefore <= 7) due.push({ runId: 'reminder-7d', daysBefore });
  }
  if (at.getTime() < new Date(event.rsvpDeadlineAt).getTime()) {
    const daysBefore = daysBetween(at, event.rsvpDeadlineAt);
    if (daysBefore <= 3) due.push({ runId: 'rsvp-nudge', daysBefore });
  }
  return due;
}

export interface ReminderDayResult {
  runDate: string;
  /** Runs started now, as `<eventId>/<runId>`. */
  started: string[];
  /** Runs due that had been started before (a repeated or late invocation). */
  alreadyStarted: string[];
}

/** Upcoming events per listing page. */
const eventsPerPage = 100;

/**
 * The daily reminder run at `at`: starts each due kind's run for every
 * scheduled event that has not started (through the events' start index,
 * from `at` on — a nudge's event starts after its deadline, so it is among
 * them). The fan-out runner sends the emails.
 */
export async function startDueReminders(at: Date, deps: Pick<EventFanOutDependencies, 'store' | 'runs'>): Promise<ReminderDayResult> {
  const result: ReminderDayResult = { runDate: warsawDate(at), started: [], alreadyStarted: [] };
  let cursor: string | undefined;
  do {
    const page = await deps.store.list({ status: 'SCHEDULED', startsFrom: at, limit: eventsPerPage, ...(cursor ? { cursor } : {}) });
    for (const event of page.items) {
      for (const due of dueReminders(event, at)) {
        const run = newFanOutRun(
          {
            scope: eventRunScope(event.eventId),
            runId: due.runId,
            kind: due.runId === 'rsvp-nudge' ? nudgeKind : reminderKind,
            params: { eventId: event.eventId, runDate: result.runDate, daysBefore: String(due.daysBefore) },
            startedBy: 'event-reminders',
          },
          at,
        );
        const outcome = await deps.runs.start(run);
        (outcome === 'started' ? result.started : result.alreadyStarted).push(`${event.eventId}/${due.runId}`);
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return result;
}

/** The event while the run may still send: scheduled, and before `until` (its start, or its deadline). */
async function eventStillDue(run: FanOutRun, until: (event: ClusterEvent) => string, deps: Pick<EventFanOutDependencies, 'store' | 'clock'>): Promise<ClusterEvent | undefined> {
  const event = await deps.store.get(run.params.eventId ?? '');
  if (!event || event.status !== 'SCHEDULED') return undefined;
  return deps.clock.now().getTime() < new Date(until(event)).getTime() ? event : undefined;
}

/** `event-reminder` to accepted attendees, each with a new RSVP link (to decline and free the seat). */
export function reminderPager(deps: EventFanOutDependencies): FanOutPager {
  return async (run) => {
    const event = await eventStillDue(run, (scheduled) => scheduled.startsAt, deps);
    if (!event) return stoppedPage;
    const page = await deps.roster.page(event.eventId, ['ACCEPTED'], eventFanOutPageSize, run.cursor);
    const urls = await freshRsvpUrls(event, page.invitations, deps);
    const daysBefore = Number(run.params.daysBefore);
    return inviteePage(event, run, page, (invitation) => ({
      template: 'event-reminder',
      data: { contactName: invitation.name, event: mailEvent(event, invitation.language), daysBefore, rsvpUrl: urls.get(invitation.inviteeId)! },
    }));
  };
}

/** `rsvp-nudge` to invitees who have not answered, with accept and decline buttons on a new RSVP link. */
export function nudgePager(deps: EventFanOutDependencies): FanOutPager {
  return async (run) => {
    const event = await eventStillDue(run, (scheduled) => scheduled.rsvpDeadlineAt, deps);
    if (!event) return stoppedPage;
    const page = await deps.roster.page(event.eventId, ['NONE'], eventFanOutPageSize, run.cursor);
    const urls = await freshRsvpUrls(event, page.invitations, deps);
    return inviteePage(event, run, page, (invitation) => {
      const url = urls.get(invitation.inviteeId)!;
      return {
        template: 'rsvp-nudge',
        data: { contactName: invitation.name, event: mailEvent(event, invitation.language), rsvpDeadline: event.rsvpDeadlineAt, acceptUrl: `${url}?response=accept`, declineUrl: `${url}?response=decline` },
      };
    });
  };
}
