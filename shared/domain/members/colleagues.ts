import { hashToken } from '../../platform/ids.js';
import { ValidationError } from '../errors.js';
import type { Language } from '../language.js';
import { loadMember, withFreshMember, type MemberChangeDependencies } from './changes.js';
import { currentContacts, type MemberAggregate } from './member.js';
import { addContactTo } from './upkeep.js';

/**
 * A member's primary contact adds colleagues (name, email, role, language)
 * from a link: the one in the welcome email (for a while), or the one on the
 * notification settings page, whose link proves the address. Each colleague
 * receives a confirmation link, like any new address.
 */
export interface ColleagueDependencies extends MemberChangeDependencies {
  /** The address behind a notification settings link (the mail feature's preferences token), if the token is one. */
  preferencesAddress(token: string): Promise<{ email: string; lang: Language } | undefined>;
}

/** A member whose primary contact the link belongs to. */
export interface Membership {
  memberId: string;
  organisationName: string;
  contactId: string;
  contactName: string;
}

export type ColleagueAccess =
  | { outcome: 'allowed'; lang: Language; memberships: Membership[] }
  | { outcome: 'expired'; lang: Language }
  /** The link's contact is no longer a primary contact, or the member left. */
  | { outcome: 'not-allowed'; lang: Language }
  | { outcome: 'unknown' };

export interface ColleagueInput {
  /** Which member, where the address is the primary contact of more than one. */
  memberId?: string;
  name: string;
  email: string;
  role: string;
  language: Language;
}

export type ColleagueOutcome = Exclude<ColleagueAccess, { outcome: 'allowed' }> | { outcome: 'added'; lang: Language; organisationName: string; memberships: Membership[] };

/** The member's primary contact, if the contact is one and the member has not left. */
function primaryMembership(aggregate: MemberAggregate | undefined, contactId: string, now: Date): Membership | undefined {
  if (!aggregate || aggregate.member.status === 'LEFT') return undefined;
  const contact = currentContacts(aggregate.contacts, now).find((candidate) => candidate.contactId === contactId);
  if (!contact?.primary) return undefined;
  return { memberId: aggregate.member.memberId, organisationName: aggregate.member.name, contactId, contactName: contact.name };
}

/** Who the link lets add colleagues, and to which members. Reads only. */
export async function colleagueAccess(token: string, deps: ColleagueDependencies): Promise<ColleagueAccess> {
  const now = deps.clock.now();
  const link = await deps.store.colleagueLink(hashToken(token));
  if (link) {
    const aggregate = await deps.store.load(link.memberId);
    const lang = aggregate?.contacts.find((contact) => contact.contactId === link.contactId)?.language ?? aggregate?.member.language ?? 'pl';
    if (new Date(link.expiresAt) <= now) return { outcome: 'expired', lang };
    const membership = primaryMembership(aggregate, link.contactId, now);
    return membership ? { outcome: 'allowed', lang, memberships: [membership] } : { outcome: 'not-allowed', lang };
  }
  const address = await deps.preferencesAddress(token);
  if (!address) return { outcome: 'unknown' };
  const contacts = await deps.store.contactsWithAddress(address.email);
  const memberships: Membership[] = [];
  for (const { memberId, contactId } of contacts) {
    const membership = primaryMembership(await deps.store.load(memberId), contactId, now);
    if (membership) memberships.push(membership);
  }
  return memberships.length > 0 ? { outcome: 'allowed', lang: address.lang, memberships } : { outcome: 'not-allowed', lang: address.lang };
}

/** The colleague becomes an unconfirmed contact of the member and receives a confirmation link; the office sees who added whom in the audit log. */
export async function addColleague(token: string, input: ColleagueInput, deps: ColleagueDependencies): Promise<ColleagueOutcome> {
  return withFreshMember(async () => {
    const access = await colleagueAccess(token, deps);
    if (access.outcome !== 'allowed') return access;
    const membership = input.memberId ? access.memberships.find((candidate) => candidate.memberId === input.memberId) : access.memberships[0];
    if (!membership || (!input.memberId && access.memberships.length > 1)) {
      throw new ValidationError([{ path: 'memberId', message: 'Choose the organisation.' }]);
    }
    const before = await loadMember(membership.memberId, deps.store);
    await addContactTo(
      before,
      { name: input.name, email: input.email, role: input.role, language: input.language },
      'colleague',
      { subject: `contact/${membership.contactId}` },
      deps,
      membership.contactName,
    );
    return { outcome: 'added', lang: access.lang, organisationName: membership.organisationName, memberships: access.memberships };
  });
}
