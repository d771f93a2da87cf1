import type { Language } from '../language.js';

/** An invitee's answer: none yet, a seat, a place on the waitlist, or no. */
export const rsvpAnswers = ['NONE', 'ACCEPTED', 'WAITLISTED', 'DECLINED'] as const;
export type RsvpAnswer = (typeof rsvpAnswers)[number];

/** What a person may answer on the RSVP page. */
export type RsvpResponse = 'accept' | 'decline';

/** Who an invitation goes to: a contact of a member organisation, or an extra invitee (no organisation). */
export interface Invitee {
  /** A contact's id, or an extra invitee's id: one invitation per event and invitee. */
  inviteeId: string;
  /** The member organisation whose seat limit the invitee counts against; absent for extra invitees. */
  memberId?: string;
  email: string;
  name: string;
  language: Language;
}

/**
 * One invitation per (event, invitee). Its RSVP links' tokens are random and
 * stored only as their hashes, each in a link item naming the invitation
 * (the invitation email's, and the waitlist promotion's); `waitlistedAt` orders the waitlist (the time the
 * accept was recorded, so accepting again after a decline goes to the back).
 */
export interface Invitation extends Invitee {
  eventId: string;
  answer: RsvpAnswer;
  answeredAt?: string;
  waitlistedAt?: string;
  invitedAt: string;
  /** Raised by every answer: a write succeeds only from the version it read. */
  version: number;
}

/** The deterministic id of an event's invitation email to one invitee: a retried chunk queues it once. */
export const invitationMessageId = (eventId: string, inviteeId: string) => `event-invitation-${eventId}-${inviteeId}`;

export const runStatuses = ['RUNNING', 'DONE', 'STOPPED'] as const;
export type RunStatus = (typeof runStatuses)[number];

/**
 * One invitation run of an event: the extra invitees first (by offset), then
 * the audience's members page by page (by cursor). Each step invites one
 * page and moves `step` on in the same transaction as its last invitations,
 * only from the step it read, so an overlapping or retried step moves nothing twice.
 */
export interface InvitationRun {
  eventId: string;
  runId: string;
  status: RunStatus;
  phase: 'extras' | 'members';
  extrasOffset: number;
  memberCursor?: string;
  step: number;
  invited: number;
  alreadyInvited: number;
  /** Addresses that bounced or complained (suppressed), or unsubscribed from event mail. */
  skipped: number;
  startedAt: string;
  startedBy: string;
  updatedAt: string;
  finishedAt?: string;
}
