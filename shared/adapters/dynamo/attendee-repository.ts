import type { AttendeeDependencies } from '../../domain/events/attendees.js';
import { batchGetAll } from './batch-get.js';
import { toInvitation } from './invitation-repository.js';
import { glokal } from './service.js';

const { invitation: invitations, member: members } = glokal.entities;

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
      const found = await batchGetAll(
        memberIds.map((memberId) => ({ memberId })),
        (keys) => members.get(keys).go({ attributes: ['memberId', 'name'] }),
        // The attendee list answers a request: a few tries (≈ 3 s at most), then a clean error within the function's time.
        5,
      );
      const names = new Map(found.map((member) => [member.memberId, member.name] as const));
      return names;
    },
  },
};
