import type { Language } from '../language.js';
import type { Interest, OrganisationType } from '../organisations/reference-data.js';

export const eventTypes = ['conference', 'seminar', 'training', 'workshop', 'meeting'] as const;
export type EventType = (typeof eventTypes)[number];

export const eventStatuses = ['SCHEDULED', 'CANCELLED'] as const;
export type EventStatus = (typeof eventStatuses)[number];

/** Text in both languages of the cluster's mail and pages. */
export interface LocalisedText {
  pl: string;
  en: string;
}

/**
 * Who is invited: every active member, or the active members of the listed
 * types having any of the listed interests (an empty list does not narrow).
 */
export type Audience = { scope: 'all' } | { scope: 'segment'; memberTypes: OrganisationType[]; interests: Interest[] };

/** A partner invited by address who is not a member; the id names them in audit entries and invitations. */
export interface ExtraInvitee {
  inviteeId: string;
  email: string;
  name: string;
  language: Language;
}

/** Each event item holds its partners; bounded so no event nears DynamoDB's item size limit. */
export const maxExtraInvitees = 200;

/**
 * An event of the cluster. Instants are ISO-8601 UTC; administrators give
 * and read them as Europe/Warsaw local times (event-view.ts).
 */
export interface ClusterEvent {
  eventId: string;
  status: EventStatus;
  type: EventType;
  title: LocalisedText;
  description: LocalisedText;
  startsAt: string;
  endsAt: string;
  rsvpDeadlineAt: string;
  /** A venue address, an online link, or both (a hybrid event). */
  venue?: string;
  onlineUrl?: string;
  capacity: number;
  /** At most this many seats for the contacts of one member organisation. */
  seatLimitPerMember?: number;
  audience: Audience;
  extraInvitees: ExtraInvitee[];
  /** The .ics SEQUENCE: raised by every change of time or place, and by the cancellation. */
  sequence: number;
  /** Raised by every change: a write succeeds only from the version it read. */
  version: number;
  createdAt: string;
  updatedAt: string;
  cancelledAt?: string;
  cancellationReason?: string;
}

/** What an administrator gives for a new event: times as Warsaw local `YYYY-MM-DDTHH:mm`. */
export interface EventInput {
  title: LocalisedText;
  description: LocalisedText;
  type: EventType;
  start: string;
  end: string;
  rsvpDeadline: string;
  venue?: string;
  onlineUrl?: string;
  capacity: number;
  seatLimitPerMember?: number;
  audience: Audience;
  extraInvitees: Array<Omit<ExtraInvitee, 'inviteeId'>>;
}

/** A change: only the fields given change; `null` removes an optional one; `version`, when given, must be the current one. */
export type EventChanges = {
  [K in Exclude<keyof EventInput, 'venue' | 'onlineUrl' | 'seatLimitPerMember'>]?: EventInput[K];
} & {
  venue?: string | null;
  onlineUrl?: string | null;
  seatLimitPerMember?: number | null;
  version?: number;
};

/** An event as listed for administrators. */
export type EventSummary = Pick<ClusterEvent, 'eventId' | 'status' | 'type' | 'title' | 'startsAt' | 'endsAt' | 'rsvpDeadlineAt' | 'venue' | 'onlineUrl' | 'capacity' | 'sequence'>;

export function eventSummary(event: ClusterEvent): EventSummary {
  return {
    eventId: event.eventId,
    status: event.status,
    type: event.type,
    title: event.title,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    rsvpDeadlineAt: event.rsvpDeadlineAt,
    ...(event.venue !== undefined ? { venue: event.venue } : {}),
    ...(event.onlineUrl !== undefined ? { onlineUrl: event.onlineUrl } : {}),
    capacity: event.capacity,
    sequence: event.sequence,
  };
}
