import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { Actor } from '../actor.js';
import type { ClusterEvent, EventInput } from './event.js';
import { auditedEvent, eventAuditEntry } from './event-audit.js';
import { parseLocalTimes, validEvent } from './event-rules.js';
import type { EventStore } from './ports.js';

export interface EventDependencies {
  clock: Clock;
  ids: IdGenerator;
  store: EventStore;
}

/** A new event, SCHEDULED at sequence 0 and version 1, written with its audit entry. */
export async function createEvent(input: EventInput, actor: Actor, deps: EventDependencies): Promise<ClusterEvent> {
  const now = deps.clock.now().toISOString();
  const { start, end, rsvpDeadline, extraInvitees, ...details } = input;
  const { instants, errors } = parseLocalTimes({ start, end, rsvpDeadline });
  const event = validEvent(
    {
      ...details,
      ...instants,
      eventId: deps.ids.newId(),
      status: 'SCHEDULED',
      extraInvitees: extraInvitees.map((invitee) => ({ inviteeId: deps.ids.newId(), ...invitee })),
      sequence: 0,
      version: 1,
      createdAt: now,
      updatedAt: now,
    },
    new Set(Object.keys(input)),
    errors,
  );
  await deps.store.create(
    event,
    eventAuditEntry({ id: deps.ids.newId(), at: new Date(now), actor, action: 'event.create', eventId: event.eventId, before: null, after: auditedEvent(event) }),
  );
  return event;
}
