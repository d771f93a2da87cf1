import { attendeeRepository } from '../adapters/dynamo/attendee-repository.js';
import { eventRepository } from '../adapters/dynamo/event-repository.js';
import type { AttendeeDependencies } from '../domain/events/attendees.js';

/** The composition root of the attendee list: the event, its invitations and the organisations' names, from the table. */
export const attendeeDependencies: AttendeeDependencies = {
  store: eventRepository,
  ...attendeeRepository,
};
