import { rsvpDependencies } from '../shared/composition/rsvp.js';
import type { ClusterEvent } from '../shared/domain/events/event.js';
import type { Invitee } from '../shared/domain/events/invitation.js';
import { inviteInvitees } from '../shared/domain/events/rsvp.js';
import { randomIds } from '../shared/platform/ids.js';

/** Invites the people to the event as an invitation run does, and returns their RSVP tokens in their order (the table keeps only the hashes). */
export async function invitedTokens(event: ClusterEvent, invitees: Invitee[]): Promise<string[]> {
  const tokens: string[] = [];
  const ids = { ...randomIds, newToken: () => tokens[tokens.push(randomIds.newToken()) - 1]! };
  await inviteInvitees(event, invitees, { ...rsvpDependencies, ids });
  return tokens;
}
