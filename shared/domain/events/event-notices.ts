import type { Actor } from '../actor.js';
import type { FanOutPage, FanOutPager, FanOutRun } from '../fanout/fan-out.js';
import { newFanOutRun } from '../fanout/run-fan-out.js';
import type { ClusterEvent } from './event.js';
import { eventFanOutPageSize, eventRunScope, freshRsvpUrls, inviteePage, stoppedPage, type EventFanOutDependencies } from './event-fan-outs.js';
import type { ChangeableField } from './event-changes.js';
import type { RsvpAnswer } from './invitation.js';
import { mailEvent } from './rsvp.js';

/**
 * Change and cancellation notices (issue 10, item 7). The run is created in
 * the transaction of the event's own change, so no change is saved without
 * its notices and no notice goes out for a change that failed. Its id
 * carries the sequence it announces (`update-3`, `cancel-4`).
 */
export const updateNoticeKind = 'event-update-notice';
export const cancelNoticeKind = 'event-cancel-notice';

/** Who hears of a change of time or place: those coming, or hoping to. */
export const updateNoticeAnswers: readonly RsvpAnswer[] = ['ACCEPTED', 'WAITLISTED'];
/** Who hears of a cancellation: everyone invited who has not declined (their calendar may hold the event). */
export const cancelNoticeAnswers: readonly RsvpAnswer[] = ['NONE', 'ACCEPTED', 'WAITLISTED'];

const placeFields: readonly ChangeableField[] = ['venue', 'onlineUrl'];
const timeFields: readonly ChangeableField[] = ['startsAt', 'endsAt'];

/** The run announcing `event` at its new sequence after a change of time or place. */
export function updateNoticeRun(event: ClusterEvent, changed: readonly ChangeableField[], actor: Actor, now: Date): FanOutRun {
  const what = [...(changed.some((field) => timeFields.includes(field)) ? ['time'] : []), ...(changed.some((field) => placeFields.includes(field)) ? ['place'] : [])];
  return newFanOutRun(
    { scope: eventRunScope(event.eventId), runId: `update-${event.sequence}`, kind: updateNoticeKind, params: { eventId: event.eventId, sequence: String(event.sequence), changed: what.join(',') }, startedBy: actor.subject },
    now,
  );
}

/** The run announcing the cancellation (at the cancellation's sequence). */
export function cancelNoticeRun(event: ClusterEvent, actor: Actor, now: Date): FanOutRun {
  return newFanOutRun(
    { scope: eventRunScope(event.eventId), runId: `cancel-${event.sequence}`, kind: cancelNoticeKind, params: { eventId: event.eventId, sequence: String(event.sequence) }, startedBy: actor.subject },
    now,
  );
}

/**
 * The event as the run announces it, or undefined when the run must stop:
 * the event is gone, in another state, or at a later sequence — a newer
 * change (or the cancellation) has its own run, and this older one must not
 * deliver an outdated .ics after the newer one.
 */
async function announcedEvent(run: FanOutRun, status: ClusterEvent['status'], deps: Pick<EventFanOutDependencies, 'store'>): Promise<ClusterEvent | undefined> {
  const event = await deps.store.get(run.params.eventId ?? '');
  return event && event.status === status && String(event.sequence) === run.params.sequence ? event : undefined;
}

/** A notice run's sequence, from its params. */
const sequenceOf = (run: FanOutRun) => Number(run.params.sequence);
const isNotice = (run: FanOutRun) => run.kind === updateNoticeKind || run.kind === cancelNoticeKind;

/** The cursor of a run still at its start, waiting for older notices (any other cursor is the roster's). */
const waitingCursor = 'waiting-for-older-notices';
const waitForOlder: FanOutPage = { units: [], cursor: waitingCursor };
const invitationCursor = (run: FanOutRun) => (run.cursor === waitingCursor ? undefined : run.cursor);

/**
 * A newer notice run waits, before its first page, until every older notice
 * run of the event has ended. An older run stops at its next page (it sees
 * the sequence moved on), but a page it made just before the change still
 * queues its emails: waiting for it keeps every older email queued before
 * the first newer one, so no one's last notice is an outdated .ics. The wait
 * is an empty page that keeps the run at its start (a cursor saying so), so
 * the stream brings the check again.
 */
function olderNoticeRunning(run: FanOutRun, runs: readonly FanOutRun[]): boolean {
  if (invitationCursor(run) !== undefined) return false;
  return runs.some((other) => isNotice(other) && other.status === 'RUNNING' && sequenceOf(other) < sequenceOf(run));
}

const changesOf = (run: FanOutRun) => (run.params.changed ?? '').split(',');

/**
 * What changed since the last change notice that reached everyone: this
 * run's change, and those of older runs stopped by a newer change before
 * they finished (some of their readers never heard of them).
 */
function changedSinceLastNotice(run: FanOutRun, runs: readonly FanOutRun[]): Array<'time' | 'place'> {
  const updates = runs.filter((other) => other.kind === updateNoticeKind && sequenceOf(other) < sequenceOf(run));
  const lastFinished = Math.max(-1, ...updates.filter((other) => other.status === 'DONE').map(sequenceOf));
  const unheard = updates.filter((other) => other.status === 'STOPPED' && sequenceOf(other) > lastFinished);
  const changes = new Set([run, ...unheard].flatMap(changesOf));
  return (['time', 'place'] as const).filter((what) => changes.has(what));
}

/** The calendar file is stamped with the change's own time, so a page made again carries the same file. */
const stampOf = (event: ClusterEvent) => new Date(event.updatedAt);

/** `event-updated` to accepted and waitlisted invitees: what changed, the event now, a new RSVP link and the .ics at the new sequence. */
export function updateNoticePager(deps: EventFanOutDependencies): FanOutPager {
  return async (run) => {
    const event = await announcedEvent(run, 'SCHEDULED', deps);
    if (!event) return stoppedPage;
    const runs = await deps.runs.list(run.scope);
    if (olderNoticeRunning(run, runs)) return waitForOlder;
    const changed = changedSinceLastNotice(run, runs);
    const page = await deps.roster.page(event.eventId, updateNoticeAnswers, eventFanOutPageSize, invitationCursor(run));
    const urls = await freshRsvpUrls(event, page.invitations, deps);
    return inviteePage(event, run, page, (invitation) => ({
      template: 'event-updated',
      data: { contactName: invitation.name, event: mailEvent(event, invitation.language), changed, rsvpUrl: urls.get(invitation.inviteeId)! },
      attachments: [deps.calendar(event, invitation.language, stampOf(event))],
    }));
  };
}

/** `event-cancelled` to everyone invited who has not declined, with the METHOD:CANCEL .ics at the cancellation's sequence. */
export function cancelNoticePager(deps: EventFanOutDependencies): FanOutPager {
  return async (run) => {
    const event = await announcedEvent(run, 'CANCELLED', deps);
    if (!event) return stoppedPage;
    if (olderNoticeRunning(run, await deps.runs.list(run.scope))) return waitForOlder;
    const page = await deps.roster.page(event.eventId, cancelNoticeAnswers, eventFanOutPageSize, invitationCursor(run));
    return inviteePage(event, run, page, (invitation) => ({
      template: 'event-cancelled',
      data: { contactName: invitation.name, event: mailEvent(event, invitation.language), ...(event.cancellationReason ? { reason: event.cancellationReason } : {}) },
      attachments: [deps.calendar(event, invitation.language, stampOf(event))],
    }));
  };
}
