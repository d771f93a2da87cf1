import { InvitationChanged } from '../../../shared/domain/events/errors.js';
import type { Invitation } from '../../../shared/domain/events/invitation.js';
import type { InvitationStore } from '../../../shared/domain/events/ports.js';
import type { NewMessage } from '../../../shared/domain/mail/outbox-message.js';

/**
 * The invitation store's contract in memory: links by token hash, seats
 * counted per event and organisation under their limits, the waitlist by
 * `waitlistedAt`, an answer refused (InvitationChanged) unless the stored
 * version is the one read, and each answer's emails queued with it.
 */
export function inMemoryInvitationStore() {
  const invitations = new Map<string, Invitation>();
  const links = new Map<string, string>();
  const seats = new Map<string, number>();
  const messages: NewMessage[] = [];
  const key = (eventId: string, inviteeId: string) => `${eventId}/${inviteeId}`;
  const taken = (scope: string) => seats.get(scope) ?? 0;
  const memberScope = (invitation: Invitation) => (invitation.memberId ? `${invitation.eventId}/MEMBER#${invitation.memberId}` : undefined);
  const waitlist = (eventId: string) =>
    [...invitations.values()].filter((invitation) => invitation.eventId === eventId && invitation.answer === 'WAITLISTED').sort((a, b) => `${a.waitlistedAt}#${a.inviteeId}`.localeCompare(`${b.waitlistedAt}#${b.inviteeId}`));
  const current = (invitation: Invitation) => {
    const stored = invitations.get(key(invitation.eventId, invitation.inviteeId));
    if (stored?.version !== invitation.version) throw new InvitationChanged();
    return stored;
  };
  const answer = (invitation: Invitation, to: Invitation['answer'], at: Date) =>
    invitations.set(key(invitation.eventId, invitation.inviteeId), { ...invitation, answer: to, answeredAt: at.toISOString(), waitlistedAt: at.toISOString(), version: invitation.version + 1 });

  const store: InvitationStore = {
    async invite(chunk) {
      let invited = 0;
      for (const { invitation, tokenHash, message } of chunk) {
        if (invitations.has(key(invitation.eventId, invitation.inviteeId))) continue;
        invitations.set(key(invitation.eventId, invitation.inviteeId), structuredClone(invitation));
        links.set(tokenHash, key(invitation.eventId, invitation.inviteeId));
        messages.push(message);
        invited += 1;
      }
      return { invited, alreadyInvited: chunk.length - invited };
    },
    async findByTokenHash(tokenHash) {
      const found = links.get(tokenHash);
      return found ? structuredClone(invitations.get(found)) : undefined;
    },
    async waitlistPosition(invitation) {
      return waitlist(invitation.eventId).findIndex((waiting) => waiting.inviteeId === invitation.inviteeId) + 1;
    },
    async accept(invitation, limits, at, confirmation) {
      current(invitation);
      const scope = memberScope(invitation);
      const fits = taken(invitation.eventId) < limits.capacity && (!scope || limits.seatLimitPerMember === undefined || taken(scope) < limits.seatLimitPerMember);
      if (fits) {
        seats.set(invitation.eventId, taken(invitation.eventId) + 1);
        if (scope) seats.set(scope, taken(scope) + 1);
        answer(invitation, 'ACCEPTED', at);
        messages.push(confirmation({ answer: 'ACCEPTED' }));
        return { answer: 'ACCEPTED' };
      }
      answer(invitation, 'WAITLISTED', at);
      const position = waitlist(invitation.eventId).length;
      messages.push(confirmation({ answer: 'WAITLISTED', position }));
      return { answer: 'WAITLISTED', position };
    },
    async decline(invitation, limits, at, confirmation, promotion) {
      current(invitation);
      const wasSeated = invitation.answer === 'ACCEPTED';
      answer(invitation, 'DECLINED', at);
      messages.push(confirmation);
      if (!wasSeated) return {};
      const scope = memberScope(invitation);
      if (scope) seats.set(scope, taken(scope) - 1);
      const promoted = waitlist(invitation.eventId).find((waiting) => {
        const waitingScope = memberScope(waiting);
        return !waitingScope || limits.seatLimitPerMember === undefined || taken(waitingScope) < limits.seatLimitPerMember;
      });
      if (!promoted) {
        seats.set(invitation.eventId, taken(invitation.eventId) - 1);
        return {};
      }
      const promotedScope = memberScope(promoted);
      if (promotedScope) seats.set(promotedScope, taken(promotedScope) + 1);
      answer(promoted, 'ACCEPTED', at);
      links.set(promotion.tokenHash, key(promoted.eventId, promoted.inviteeId));
      messages.push(promotion.message(promoted));
      return { promoted };
    },
  };
  return { store, invitations, messages, seats };
}
