import type { InvitationRun } from './invitation.js';
import type { FanOutRun } from '../fanout/fan-out.js';
import { toWarsawLocalTime, warsawTimeZone } from '../calendar/warsaw-time.js';
import type { ClusterEvent, EventSummary } from './event.js';

/** Times as administrators give them (Warsaw local `YYYY-MM-DDTHH:mm`) beside the stored UTC instants. */
function localTimes(event: Pick<ClusterEvent, 'startsAt' | 'endsAt' | 'rsvpDeadlineAt'>) {
  return {
    start: toWarsawLocalTime(new Date(event.startsAt)),
    end: toWarsawLocalTime(new Date(event.endsAt)),
    rsvpDeadline: toWarsawLocalTime(new Date(event.rsvpDeadlineAt)),
    timeZone: warsawTimeZone,
  };
}

export function eventView(event: ClusterEvent) {
  return { ...event, ...localTimes(event) };
}

export function eventSummaryView(event: EventSummary) {
  return { ...event, ...localTimes(event) };
}

/** A run as administrators read it: its progress and counts, not its cursor. */
export function invitationRunView(run: InvitationRun) {
  const { runId, status, invited, alreadyInvited, skipped, step, startedAt, updatedAt, finishedAt } = run;
  return { runId, status, invited, alreadyInvited, skipped, step, startedAt, updatedAt, ...(finishedAt ? { finishedAt } : {}) };
}

/** A notice, reminder or nudge run as administrators read it: its progress and counts, not its cursor or inputs. */
export function mailRunView(run: FanOutRun) {
  const { runId, kind, status, counts, step, startedAt, updatedAt, finishedAt } = run;
  return { runId, kind, status, queued: counts.queued ?? 0, alreadyQueued: counts.alreadyQueued ?? 0, step, startedAt, updatedAt, ...(finishedAt ? { finishedAt } : {}) };
}
