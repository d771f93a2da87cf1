import type { AttendeeDependencies } from '../../domain/events/attendees.js';
import { toInvitation } from './invitation-repository.js';
import { glokal } from './service.js';

const { invitation: invitations, member: members } = glokal.entities;

const maxBatchAttempts = 5;

/**
 * The attendee list's reads: an event's invitations from its partition (a
 * consistent query, so an answer just given is in it, and its waitlist rank
 * with it), and the names of the organisations they belong to.
 */
export const attendeeRepository: Pick<AttendeeDependencies, 'invitations' | 'organisations'> = {
  invitations: {
    async ofEvent(eventId, answer) {
      const query = invitations.query.byId({ eventId });
      const filtered = answer === undefined ? query : query.where((attribute, { eq }) => eq(attribute.answer, answer));
      const { data } = await filtered.go({ consistent: true, pages: 'all' });
      return data.map(toInvitation);
    },
  },
  organisations: {
    async namesOf(memberIds) {
      const names = new Map<string, string>();
      let keys = memberIds.map((memberId) => ({ memberId }));
      // A batch get (ElectroDB sends 100 keys a request) may leave keys unread under throttling: those are asked again, briefly backing off.
      for (let attempt = 1; keys.length > 0; attempt += 1) {
        if (attempt > maxBatchAttempts) throw new Error(`${keys.length} member names could not be read.`);
        if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * 2 ** attempt));
        const { data, unprocessed } = await members.get(keys).go({ attributes: ['memberId', 'name'] });
        for (const member of data) names.set(member.memberId, member.name);
        keys = unprocessed.map(({ memberId }) => ({ memberId }));
      }
      return names;
    },
  },
};
