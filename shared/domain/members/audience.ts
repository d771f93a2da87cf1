import type { Clock } from '../../platform/clock.js';
import type { Language } from '../language.js';
import type { SubscriptionCategory } from '../mail/categories.js';
import type { Interest, OrganisationType } from '../organisations/reference-data.js';
import { receivesMemberCommunication, type MemberSummary } from './member.js';
import type { MemberDirectory } from './ports.js';

/**
 * Who member communications (event invitations, grant reminders) go to: the
 * port the events and grants fan-outs use. Only active members, only
 * confirmed addresses, only contacts who receive the category. (Whether an
 * address unsubscribed or bounced is the mailer's check, at send time.)
 */

/** Which members a communication targets: members of any of the types, or with any of the interests; neither means every active member. */
export interface MemberAudience {
  types?: OrganisationType[];
  interests?: Interest[];
}

export interface MemberRecipient {
  memberId: string;
  contactId: string;
  name: string;
  email: string;
  language: Language;
  organisationName: string;
}

export interface AudienceDependencies {
  directory: MemberDirectory;
  clock: Clock;
}

/** The members an event's or a funding call's audience targets: `{ scope: 'all' }` is every active member; a segment names types, interests or both. */
export function memberAudienceOf(audience: { scope: 'all' } | { scope: 'segment'; memberTypes: OrganisationType[]; interests: Interest[] }): MemberAudience {
  return audience.scope === 'all' ? {} : { types: audience.memberTypes, interests: audience.interests };
}

/** Whether an (active) member is in the audience: of one of its types, if it names types, and with one of its interests, if it names interests. */
export function matchesAudience(member: Pick<MemberSummary, 'type' | 'interests'>, audience: MemberAudience): boolean {
  const typeMatches = !audience.types?.length || audience.types.includes(member.type);
  const interestMatches = !audience.interests?.length || member.interests.some((interest) => audience.interests!.includes(interest));
  return typeMatches && interestMatches;
}

/** The contacts of one member who receive `category` now: none unless the member is active; only confirmed addresses. */
export async function memberRecipients(memberId: string, category: SubscriptionCategory, deps: AudienceDependencies): Promise<MemberRecipient[]> {
  const aggregate = await deps.directory.load(memberId);
  if (!aggregate) return [];
  const now = deps.clock.now();
  return aggregate.contacts
    .filter((contact) => receivesMemberCommunication(aggregate.member, contact, category, now))
    .map((contact) => ({
      memberId,
      contactId: contact.contactId,
      name: contact.name,
      email: contact.email,
      language: contact.language,
      organisationName: aggregate.member.name,
    }));
}

/** One page of an audience's active members and the cursor that resumes after it (a run item can keep it between invocations). */
export interface AudiencePage {
  members: MemberSummary[];
  cursor?: string;
}

/**
 * The active members of an audience, one page per call, by queries only:
 * the interest index when the audience names one interest and no type, the
 * status index by type when it names one type and no interest, else the
 * status index of active members, filtered. A page may hold fewer members
 * than `limit` (filtered ones are skipped); only a missing cursor ends the run.
 */
export async function audiencePage(audience: MemberAudience, options: { limit: number; cursor?: string }, deps: Pick<AudienceDependencies, 'directory'>): Promise<AudiencePage> {
  const oneInterest = audience.interests?.length === 1 && !audience.types?.length ? audience.interests[0] : undefined;
  const oneType = audience.types?.length === 1 && !audience.interests?.length ? audience.types[0] : undefined;
  const page = await deps.directory.list({
    status: 'ACTIVE',
    limit: options.limit,
    ...(oneInterest ? { interest: oneInterest } : {}),
    ...(oneType ? { type: oneType } : {}),
    ...(options.cursor ? { cursor: options.cursor } : {}),
  });
  return { members: page.items.filter((member) => matchesAudience(member, audience)), ...(page.nextCursor ? { cursor: page.nextCursor } : {}) };
}

/** Every active member of an audience, page by page (for work that fits one invocation; a fan-out over invocations calls audiencePage with its cursor). */
export async function* audienceMembers(audience: MemberAudience, deps: Pick<AudienceDependencies, 'directory'>, limit = 100): AsyncGenerator<MemberSummary[]> {
  let cursor: string | undefined;
  do {
    const page = await audiencePage(audience, { limit, ...(cursor ? { cursor } : {}) }, deps);
    yield page.members;
    cursor = page.cursor;
  } while (cursor);
}
