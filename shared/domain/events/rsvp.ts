import type { Clock } from '../../platform/clock.js';
import { hashToken, type IdGenerator } from '../../platform/ids.js';
import { NotFoundError } from '../errors.js';
import type { Language } from '../language.js';
import type { EventSummary as MailEvent } from '../mail/messages.js';
import type { Attachment, NewMessage } from '../mail/outbox-message.js';
import type { ClusterEvent } from './event.js';
import { InvitationChanged } from './errors.js';
import { invitationMessageId, type Invitation, type Invitee, type RsvpAnswer, type RsvpResponse } from './invitation.js';
import type { EventStore, InvitationChunk, InvitationStore } from './ports.js';

export interface RsvpDependencies {
  clock: Clock;
  ids: IdGenerator;
  store: EventStore;
  invitations: InvitationStore;
  publicBaseUrl: string;
  /** The event's .ics (UID per event, its SEQUENCE; METHOD:PUBLISH, or CANCEL once the event is cancelled) in the invitee's language; rendering lives outside the domain. */
  calendar: (event: ClusterEvent, lang: Language, at: Date) => Attachment;
}

/** Why answers are closed: the RSVP deadline passed, or the event is cancelled. */
export type RsvpClosed = 'deadline-passed' | 'cancelled';

/** What the RSVP page shows; `closed` says why nothing can change. */
export interface RsvpState {
  event: ClusterEvent;
  invitation: Invitation;
  lang: Language;
  /** The current rank on the waitlist, for a WAITLISTED answer. */
  waitlistPosition?: number;
  closed?: RsvpClosed;
}

/** The result of a POST: the state after it, and whether the answer changed anything. */
export interface RsvpResult extends RsvpState {
  changed: boolean;
}

/** Three writes per invitee (invitation, link, email): 32 of them and a run's cursor advance fit one transaction's 100 items. */
export const invitationChunkSize = 32;

export const rsvpUrl = (deps: Pick<RsvpDependencies, 'publicBaseUrl'>, token: string) => `${deps.publicBaseUrl}/rsvp/${encodeURIComponent(token)}`;

/** The event as its emails show it, in one language. */
export function mailEvent(event: ClusterEvent, lang: Language): MailEvent {
  return {
    title: event.title[lang],
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    ...(event.venue !== undefined ? { venue: event.venue } : {}),
    ...(event.onlineUrl !== undefined ? { onlineUrl: event.onlineUrl } : {}),
  };
}

function closedReason(event: ClusterEvent, now: Date): RsvpClosed | undefined {
  if (event.status === 'CANCELLED') return 'cancelled';
  if (now.getTime() > new Date(event.rsvpDeadlineAt).getTime()) return 'deadline-passed';
  return undefined;
}

/** The invitations (deterministic per event and invitee, each with a fresh token stored hashed) and their emails with the .ics, in transaction-sized chunks. */
export function invitationChunks(event: ClusterEvent, invitees: Invitee[], deps: Pick<RsvpDependencies, 'clock' | 'ids' | 'publicBaseUrl' | 'calendar'>): InvitationChunk[] {
  const now = deps.clock.now();
  // The .ics is the same for every invitee of one language: made once per language, not once per invitee.
  const calendars = new Map<Language, Attachment>();
  const calendarIn = (lang: Language) => calendars.get(lang) ?? calendars.set(lang, deps.calendar(event, lang, now)).get(lang)!;
  const chunks: InvitationChunk[] = [];
  for (let start = 0; start < invitees.length; start += invitationChunkSize) {
    chunks.push(
      invitees.slice(start, start + invitationChunkSize).map((invitee) => {
        const token = deps.ids.newToken();
        const invitation: Invitation = { ...invitee, eventId: event.eventId, answer: 'NONE', invitedAt: now.toISOString(), version: 1 };
        const url = rsvpUrl(deps, token);
        const message: NewMessage = {
          messageId: invitationMessageId(event.eventId, invitee.inviteeId),
          to: invitee.email,
          lang: invitee.language,
          template: 'event-invitation',
          data: {
            contactName: invitee.name,
            event: { ...mailEvent(event, invitee.language), description: event.description[invitee.language] },
            rsvpDeadline: event.rsvpDeadlineAt,
            acceptUrl: `${url}?response=accept`,
            declineUrl: `${url}?response=decline`,
            rsvpUrl: url,
          },
          attachments: [calendarIn(invitee.language)],
        };
        return { invitation, tokenHash: hashToken(token), message };
      }),
    );
  }
  return chunks;
}

/**
 * Invites the given people to the event, chunk by chunk. Invitees invited
 * before are left as they are, so a repeated or overlapping call queues
 * nothing twice.
 */
export async function inviteInvitees(event: ClusterEvent, invitees: Invitee[], deps: RsvpDependencies): Promise<{ invited: number; alreadyInvited: number }> {
  const totals = { invited: 0, alreadyInvited: 0 };
  for (const chunk of invitationChunks(event, invitees, deps)) {
    const result = await deps.invitations.invite(chunk);
    totals.invited += result.invited;
    totals.alreadyInvited += result.alreadyInvited;
  }
  return totals;
}

async function stateOf(tokenHash: string, deps: RsvpDependencies): Promise<RsvpState> {
  const invitation = await deps.invitations.findByTokenHash(tokenHash);
  const event = invitation ? await deps.store.get(invitation.eventId) : undefined;
  if (!invitation || !event) throw new NotFoundError('No invitation has this link.');
  const closed = closedReason(event, deps.clock.now());
  const waitlistPosition = invitation.answer === 'WAITLISTED' ? await deps.invitations.waitlistPosition(invitation) : undefined;
  return { event, invitation, lang: invitation.language, ...(waitlistPosition !== undefined ? { waitlistPosition } : {}), ...(closed ? { closed } : {}) };
}

/** Named query behind `GET /rsvp/{token}`: the event, the current answer and waitlist position. Changes nothing (mail scanners open links). */
export async function rsvpState(token: string, deps: RsvpDependencies): Promise<RsvpState> {
  return stateOf(hashToken(token), deps);
}

const confirmationOf = (state: RsvpState, token: string, answer: 'accepted' | 'declined' | 'waitlisted', deps: RsvpDependencies, waitlistPosition?: number): NewMessage => ({
  messageId: deps.ids.newId(),
  to: state.invitation.email,
  lang: state.lang,
  template: 'rsvp-confirmation',
  data: {
    contactName: state.invitation.name,
    event: mailEvent(state.event, state.lang),
    answer,
    ...(waitlistPosition !== undefined ? { waitlistPosition } : {}),
    rsvpUrl: rsvpUrl(deps, token),
  },
});

const unchanged = (answer: RsvpAnswer, response: RsvpResponse) => (response === 'accept' ? answer === 'ACCEPTED' || answer === 'WAITLISTED' : answer === 'DECLINED');

/**
 * `POST /rsvp/{token}`: records an accept (a seat, or the back of the
 * waitlist past capacity or the organisation's limit) or a decline (freeing a
 * seat for the first on the waitlist who fits), each with its confirmation
 * email. After the deadline or for a cancelled event nothing changes; the
 * same answer twice changes nothing and sends nothing.
 */
export async function respondToInvitation(token: string, response: RsvpResponse, deps: RsvpDependencies): Promise<RsvpResult> {
  const tokenHash = hashToken(token);
  for (let attempt = 1; ; attempt += 1) {
    const state = await stateOf(tokenHash, deps);
    if (state.closed || unchanged(state.invitation.answer, response)) return { ...state, changed: false };
    const limits = { capacity: state.event.capacity, ...(state.event.seatLimitPerMember !== undefined ? { seatLimitPerMember: state.event.seatLimitPerMember } : {}) };
    const now = deps.clock.now();
    try {
      if (response === 'accept') {
        const outcome = await deps.invitations.accept(state.invitation, limits, now, (result) =>
          confirmationOf(state, token, result.answer === 'ACCEPTED' ? 'accepted' : 'waitlisted', deps, result.answer === 'WAITLISTED' ? result.position : undefined),
        );
        const invitation: Invitation = { ...state.invitation, answer: outcome.answer, answeredAt: now.toISOString(), version: state.invitation.version + 1 };
        return { ...state, invitation, ...(outcome.answer === 'WAITLISTED' ? { waitlistPosition: outcome.position } : {}), changed: true };
      }
      // The promoted invitee's first link is known only by its hash: their email carries a new one.
      const promotedToken = deps.ids.newToken();
      await deps.invitations.decline(state.invitation, limits, now, confirmationOf(state, token, 'declined', deps), {
        tokenHash: hashToken(promotedToken),
        message: (promoted) => ({
          messageId: deps.ids.newId(),
          to: promoted.email,
          lang: promoted.language,
          template: 'waitlist-promoted',
          data: { contactName: promoted.name, event: mailEvent(state.event, promoted.language), rsvpUrl: rsvpUrl(deps, promotedToken) },
        }),
      });
      const invitation: Invitation = { ...state.invitation, answer: 'DECLINED', answeredAt: now.toISOString(), version: state.invitation.version + 1 };
      const { waitlistPosition: _position, ...rest } = state;
      return { ...rest, invitation, changed: true };
    } catch (error) {
      // The same person answered from another tab a moment ago: answer again from what is stored now.
      if (error instanceof InvitationChanged && attempt < 5) continue;
      throw error;
    }
  }
}
