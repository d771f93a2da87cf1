import type { Actor } from '../actor.js';
import { ConflictError } from '../errors.js';
import type { ClusterEvent } from './event.js';
import { eventAuditEntry } from './event-audit.js';
import type { EventDependencies } from './create-event.js';
import { StaleEvent } from './errors.js';
import { cancelNoticeRun } from './event-notices.js';
import { currentEvent, staleEvent } from './update-event.js';

const alreadyCancelled = () => new ConflictError('The event is already cancelled.', 'ALREADY_CANCELLED');

/**
 * Marks a scheduled event CANCELLED, with its audit entry. The cancellation
 * raises the .ics SEQUENCE, so the METHOD:CANCEL file outranks every update
 * a calendar has seen.
 */
export async function cancelEvent(eventId: string, options: { reason?: string; version?: number }, actor: Actor, deps: EventDependencies): Promise<ClusterEvent> {
  const event = await currentEvent(eventId, options.version, deps);
  if (event.status === 'CANCELLED') throw alreadyCancelled();
  const now = deps.clock.now();
  const cancelled: ClusterEvent = {
    ...event,
    status: 'CANCELLED',
    sequence: event.sequence + 1,
    version: event.version + 1,
    updatedAt: now.toISOString(),
    cancelledAt: now.toISOString(),
    ...(options.reason !== undefined ? { cancellationReason: options.reason } : {}),
  };
  const audit = eventAuditEntry({
    id: deps.ids.newId(),
    at: now,
    actor,
    action: 'event.cancel',
    eventId,
    before: { status: event.status, sequence: event.sequence, version: event.version },
    after: { status: cancelled.status, sequence: cancelled.sequence, version: cancelled.version, reason: options.reason ?? null },
  });
  try {
    // The cancellation notices (METHOD:CANCEL, same UID, this sequence) to everyone invited who has not
    // declined: their run is written with the cancellation, so neither exists without the other.
    await deps.store.update(event, cancelled, audit, cancelNoticeRun(cancelled, actor, now));
  } catch (error) {
    // Cancelled by another administrator at the same moment, or changed since it was read.
    if (error instanceof StaleEvent) {
      const current = await deps.store.get(eventId);
      throw current?.status === 'CANCELLED' ? alreadyCancelled() : staleEvent();
    }
    throw error;
  }
  return cancelled;
}
