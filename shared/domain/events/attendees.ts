import { NotFoundError } from '../errors.js';
import type { Language } from '../language.js';
import type { Invitation, RsvpAnswer } from './invitation.js';
import type { EventStore } from './ports.js';

/** What the attendee list reads. */
export interface AttendeeDependencies {
  store: Pick<EventStore, 'get'>;
  /** Every invitation of the event (of one answer, if given), in one consistent read. */
  invitations: { ofEvent(eventId: string, answer?: RsvpAnswer): Promise<Invitation[]> };
  /** The names of member organisations by id; an id no longer found is left out. */
  organisations: { namesOf(memberIds: readonly string[]): Promise<Map<string, string>> };
}

/** One invitee as the office reads the list. */
export interface Attendee {
  inviteeId: string;
  /** The member organisation; absent for extra invitees, who belong to none. */
  memberId?: string;
  organisation?: string;
  name: string;
  email: string;
  language: Language;
  answer: RsvpAnswer;
  /** The current rank on the waitlist (1 = next to be offered a seat); WAITLISTED only. */
  waitlistPosition?: number;
  /** When the current answer was recorded (a promotion counts as an accept then). */
  answeredAt?: string;
}

const answerOrder: Record<RsvpAnswer, number> = { ACCEPTED: 0, WAITLISTED: 1, DECLINED: 2, NONE: 3 };

/**
 * The waitlist's order, as its index keeps it (`waitlistedAt`, then the
 * invitee's id for accepts recorded in the same millisecond): the order
 * promotions follow, so rank 1 is the next to be offered a seat.
 */
function waitlistOrder(a: Invitation, b: Invitation): number {
  const keyA = `${a.waitlistedAt ?? ''}#${a.inviteeId}`;
  const keyB = `${b.waitlistedAt ?? ''}#${b.inviteeId}`;
  return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
}

const polish = new Intl.Collator('pl', { sensitivity: 'base' });

/**
 * Named query behind `GET /admin/events/{id}/attendees`: the whole list in
 * one read, so every waitlist rank is counted against the same moment — seated
 * first, then the waitlist in its order, the declines, those without an
 * answer; within those, by organisation (extra invitees last) and name.
 */
export async function listAttendees(eventId: string, answer: RsvpAnswer | undefined, deps: AttendeeDependencies): Promise<Attendee[]> {
  const event = await deps.store.get(eventId);
  if (!event) throw new NotFoundError('No event has this id.');
  const invitations = await deps.invitations.ofEvent(eventId, answer);

  const ranks = new Map(
    invitations
      .filter((invitation) => invitation.answer === 'WAITLISTED')
      .sort(waitlistOrder)
      .map((invitation, index) => [invitation.inviteeId, index + 1]),
  );
  const memberIds = [...new Set(invitations.flatMap((invitation) => (invitation.memberId !== undefined ? [invitation.memberId] : [])))];
  const names = memberIds.length > 0 ? await deps.organisations.namesOf(memberIds) : new Map<string, string>();

  const attendees = invitations.map((invitation): Attendee => {
    const organisation = invitation.memberId !== undefined ? names.get(invitation.memberId) : undefined;
    const waitlistPosition = ranks.get(invitation.inviteeId);
    return {
      inviteeId: invitation.inviteeId,
      ...(invitation.memberId !== undefined ? { memberId: invitation.memberId } : {}),
      ...(organisation !== undefined ? { organisation } : {}),
      name: invitation.name,
      email: invitation.email,
      language: invitation.language,
      answer: invitation.answer,
      ...(waitlistPosition !== undefined ? { waitlistPosition } : {}),
      ...(invitation.answeredAt !== undefined ? { answeredAt: invitation.answeredAt } : {}),
    };
  });
  return attendees.sort(
    (a, b) =>
      answerOrder[a.answer] - answerOrder[b.answer] ||
      (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0) ||
      Number(a.organisation === undefined) - Number(b.organisation === undefined) ||
      polish.compare(a.organisation ?? '', b.organisation ?? '') ||
      polish.compare(a.name, b.name) ||
      a.email.localeCompare(b.email),
  );
}
