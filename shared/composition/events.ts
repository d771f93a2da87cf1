import { eventRepository } from '../adapters/dynamo/event-repository.js';
import type { EventDependencies } from '../domain/events/create-event.js';
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
