import type { AuditEntry } from '../audit/audit-entry.js';
import type { Page } from '../page.js';
import type { NewMessage } from '../mail/outbox-message.js';
import type { FanOutRun } from '../fanout/fan-out.js';
import type { ClusterEvent, EventStatus, EventSummary } from './event.js';
import type { Invitation } from './invitation.js';
import type { InvitationRun } from './invitation.js';

/** Events starting in [startsFrom, startsBefore), by start time, nearest first. */
export interface EventListing {
  status?: EventStatus;
  startsFrom: Date;
  startsBefore?: Date;
  limit: number;
  cursor?: string;
}

export interface EventStore {
  get(eventId: string): Promise<ClusterEvent | undefined>;
  /** The event and its audit entry, together. */
  create(event: ClusterEvent, audit: AuditEntry): Promise<void>;
  /**
   * Replaces the event read at `previous.version` by `next`, with its audit
   * entry and, when given, the fan-out run the change starts (its notices),
   * together; throws StaleEvent if another change came first.
   */
  update(previous: ClusterEvent, next: ClusterEvent, audit: AuditEntry, notices?: FanOutRun): Promise<void>;
  list(listing: EventListing): Promise<Page<EventSummary>>;
}

export type InvitationChunk = Array<{ invitation: Invitation; tokenHash: string; message: NewMessage }>;

export interface InviteCounts {
  invited: number;
  alreadyInvited: number;
}

/** The seat limits an accept must respect, read from the event. */
export interface SeatLimits {
  capacity: number;
  seatLimitPerMember?: number;
}

/** What one accept became: a seat, or a place on the waitlist (its current rank). */
export type AcceptOutcome = { answer: 'ACCEPTED' } | { answer: 'WAITLISTED'; position: number };

/**
 * Invitations and their answers. Seats are counted by the store so that
 * capacity and the per-organisation limit hold under any concurrency; an
 * answer's confirmation email is written in the same transaction as it.
 */
export interface InvitationStore {
  /**
   * A chunk's new invitations with their links and emails, in one
   * transaction; invitees already invited are left untouched and counted.
   * With `advance`, the run moves from `from` (its step must still be
   * `from.step`, else RunMoved) to `to(this chunk's counts)` in the same transaction.
   */
  invite(chunk: InvitationChunk, advance?: { from: InvitationRun; to: (counts: InviteCounts) => InvitationRun }): Promise<InviteCounts>;
  findByTokenHash(tokenHash: string): Promise<Invitation | undefined>;
  /** The current rank of a WAITLISTED invitation (1 = next to be promoted). */
  waitlistPosition(invitation: Invitation): Promise<number>;
  /** A seat if both counters have room, else the back of the waitlist; throws InvitationChanged if the invitation was answered meanwhile. */
  accept(invitation: Invitation, limits: SeatLimits, at: Date, confirmation: (outcome: AcceptOutcome) => NewMessage): Promise<AcceptOutcome>;
  /**
   * Records the decline; a seat it frees goes, in the same transaction, to
   * the first on the waitlist whose organisation has room (told by
   * `promotion`'s email, with a new link of `promotion.tokenHash`). Throws
   * InvitationChanged if the invitation was answered meanwhile.
   */
  decline(
    invitation: Invitation,
    limits: SeatLimits,
    at: Date,
    confirmation: NewMessage,
    promotion: { tokenHash: string; message: (promoted: Invitation) => NewMessage },
  ): Promise<{ promoted?: Invitation }>;
}

/** A page of an event's invitations with the given answers, in invitee order; `cursor` says where the next starts. */
export interface InvitationPage {
  invitations: Invitation[];
  cursor?: string;
}

/** A new RSVP link: the hash of a fresh token naming an invitation, kept until `expiresAt` (after the event). */
export interface NewRsvpLink {
  tokenHash: string;
  eventId: string;
  inviteeId: string;
  createdAt: string;
  expiresAt: Date;
}

/** What the event's fan-outs (notices, reminders, nudges) read and write besides their emails. */
export interface InvitationRoster {
  /** The event's invitations whose answer is one of `answers`, at most about `limit` a page. */
  page(eventId: string, answers: readonly Invitation['answer'][], limit: number, cursor?: string): Promise<InvitationPage>;
  /** Writes the links (each its own item; none of them changes anything until a person posts its page). */
  addLinks(links: readonly NewRsvpLink[]): Promise<void>;
}
