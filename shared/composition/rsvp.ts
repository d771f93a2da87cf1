import { eventRepository } from '../adapters/dynamo/event-repository.js';
import { invitationRepository, invitationRunRepository } from '../adapters/dynamo/invitation-repository.js';
import { memberRepository } from '../adapters/dynamo/member-repository.js';
import { recipientRepository } from '../adapters/dynamo/recipient-repository.js';
import { config } from '../config.js';
import type { RunDependencies } from '../domain/events/invitation-run.js';
import type { RsvpDependencies } from '../domain/events/rsvp.js';
import { eventCalendarAttachment } from '../email/ics.js';
import { systemClock } from '../platform/clock.js';
import { randomIds } from '../platform/ids.js';

/** The organizer of every event's .ics: the cluster's sending address (`Name <address>` or a bare address). */
function organizerOf(mailFrom: string): { name: string; email: string } {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(mailFrom);
  return match ? { name: match[1]!.replace(/^"|"$/g, '') || match[2]!, email: match[2]! } : { name: 'Klaster GLOKAL', email: mailFrom.trim() };
}

const organizer = organizerOf(config.MAIL_FROM);

/** The composition root of invitations and RSVP: the use cases' real adapters, built once per container. */
export const rsvpDependencies: RsvpDependencies = {
  clock: systemClock,
  ids: randomIds,
  store: eventRepository,
  invitations: invitationRepository,
  publicBaseUrl: config.PUBLIC_BASE_URL,
  calendar: (event, lang, at) =>
    eventCalendarAttachment({
      uid: `${event.eventId}@glokal.eu`,
      sequence: event.sequence,
      // A cancelled event's file is its cancellation (same UID, the cancellation's sequence).
      method: event.status === 'CANCELLED' ? 'CANCEL' : 'PUBLISH',
      title: event.title[lang],
      description: event.description[lang],
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      ...(event.venue !== undefined ? { venue: event.venue } : {}),
      ...(event.onlineUrl !== undefined ? { onlineUrl: event.onlineUrl } : {}),
      organizer,
      lang,
      stampedAt: at.toISOString(),
    }),
};

/** The invitation run's: RSVP's, the member directory for the audience, the runs, and recipients' suppression and unsubscribes. */
export const invitationRunDependencies: RunDependencies = {
  ...rsvpDependencies,
  directory: memberRepository,
  runs: invitationRunRepository,
  recipients: recipientRepository,
};
