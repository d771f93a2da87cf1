import type { Actor } from '../actor.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { ClusterEvent, EventChanges } from './event.js';
import { auditedEvent, eventAuditEntry } from './event-audit.js';
import { changedFields, mergeExtraInvitees, pick, timeAndPlaceFields } from './event-changes.js';
import type { EventDependencies } from './create-event.js';
import { StaleEvent } from './errors.js';
import { updateNoticeRun } from './event-notices.js';
import { parseLocalTimes, validEvent, type EventDraft } from './event-rules.js';

export const staleEvent = (fields?: Array<{ path: string; message: string }>) =>
  new ConflictError('Another administrator changed this event a moment ago. Read it again and repeat your change.', 'STALE_EVENT', fields);

/** The event as read, if it exists and the caller's `version` (when given) is still current. */
export async function currentEvent(eventId: string, version: number | undefined, deps: Pick<EventDependencies, 'store'>): Promise<ClusterEvent> {
  const event = await deps.store.get(eventId);
  if (!event) throw new NotFoundError('No event has this id.');
  if (version !== undefined && version !== event.version) {
    throw staleEvent([{ path: 'version', message: `The event is at version ${event.version} now; read it again.` }]);
  }
  return event;
}

/** The draft without the optional fields a change removed (given as null). */
function withoutAbsent(draft: { [K in keyof EventDraft]: EventDraft[K] | null }): EventDraft {
  return Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== undefined && value !== null)) as EventDraft;
}

/**
 * Changes the given fields of a scheduled event (null removes an optional
 * one). Only from the version it read: of two concurrent changes one wins and
 * the other is refused, never silently overwritten. A change of time or place
 * raises the .ics SEQUENCE; a request that changes nothing writes nothing.
 */
export async function updateEvent(eventId: string, changes: EventChanges, actor: Actor, deps: EventDependencies): Promise<ClusterEvent> {
  const event = await currentEvent(eventId, changes.version, deps);
  if (event.status === 'CANCELLED') throw new ConflictError('The event is cancelled; it can no longer be changed.', 'EVENT_CANCELLED');
  const { version: _version, start, end, rsvpDeadline, extraInvitees, ...fields } = changes;
  const { instants, errors } = parseLocalTimes({ start, end, rsvpDeadline });
  const draft = withoutAbsent({
    ...event,
    ...fields,
    ...instants,
    ...(extraInvitees !== undefined ? { extraInvitees: mergeExtraInvitees(event.extraInvitees, extraInvitees, deps.ids.newId) } : {}),
  });
  const next = validEvent(draft, new Set(Object.keys(changes)), errors);
  const changed = changedFields(event, next);
  if (changed.length === 0) return event;

  const movedOrRelocated = changed.some((field) => (timeAndPlaceFields as readonly string[]).includes(field));
  const now = deps.clock.now();
  const updated: ClusterEvent = { ...next, sequence: event.sequence + (movedOrRelocated ? 1 : 0), version: event.version + 1, updatedAt: now.toISOString() };
  const audit = eventAuditEntry({
    id: deps.ids.newId(),
    at: now,
    actor,
    action: 'event.update',
    eventId,
    before: auditedEvent({ ...pick(event, changed), sequence: event.sequence, version: event.version }),
    after: auditedEvent({ ...pick(updated, changed), sequence: updated.sequence, version: updated.version }),
  });
  // A change of time or place tells accepted and waitlisted invitees, with the .ics at the new sequence:
  // the notice run is written with the change itself, so neither exists without the other.
  const notices = movedOrRelocated ? updateNoticeRun(updated, changed, actor, now) : undefined;
  try {
    await deps.store.update(event, updated, audit, notices);
  } catch (error) {
    if (error instanceof StaleEvent) throw staleEvent();
    throw error;
  }
  return updated;
}
