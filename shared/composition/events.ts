import { eventRepository } from '../adapters/dynamo/event-repository.js';
import { fanOutRepository } from '../adapters/dynamo/fan-out-repository.js';
import { invitationRunRepository } from '../adapters/dynamo/invitation-repository.js';
import type { EventDependencies } from '../domain/events/create-event.js';
import type { EventDetailDependencies } from '../domain/events/queries.js';
import { systemClock } from '../platform/clock.js';
import { randomIds } from '../platform/ids.js';

/**
 * The composition root of events: the use cases' real adapters, built once
 * per container. Tests replace single ones (clock, ids) by spreading over this.
 */
export const eventDependencies: EventDependencies = {
  clock: systemClock,
  ids: randomIds,
  store: eventRepository,
};

/** What an event's page reads: the event, its invitation runs and its mail runs. */
export const eventDetailDependencies: EventDetailDependencies = {
  store: eventRepository,
  invitationRuns: invitationRunRepository,
  mailRuns: fanOutRepository,
};
