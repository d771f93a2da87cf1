import { eventRepository } from '../adapters/dynamo/event-repository.js';
import { fanOutRepository } from '../adapters/dynamo/fan-out-repository.js';
import { invitationRoster } from '../adapters/dynamo/invitation-roster.js';
import type { EventFanOutDependencies } from '../domain/events/event-fan-outs.js';
import { systemClock } from '../platform/clock.js';
import { randomIds } from '../platform/ids.js';
import { rsvpDependencies } from './rsvp.js';

/** The composition root of an event's notices, reminders and nudges (links and .ics made as the invitations make them). */
export const eventFanOutDependencies: EventFanOutDependencies = {
  clock: systemClock,
  ids: randomIds,
  store: eventRepository,
  roster: invitationRoster,
  runs: fanOutRepository,
  publicBaseUrl: rsvpDependencies.publicBaseUrl,
  calendar: rsvpDependencies.calendar,
};
