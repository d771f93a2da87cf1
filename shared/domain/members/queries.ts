import type { Clock } from '../../platform/clock.js';
import { NotFoundError } from '../errors.js';
import type { Page } from '../page.js';
import type { Interest, OrganisationType } from '../organisations/reference-data.js';
import { currentContacts, isLasting, receivesMemberCommunication, type Contact, type Member, type MemberAggregate, type MemberStatus, type MemberSummary } from './member.js';
import type { MemberDirectory } from './ports.js';

export type { MemberDirectory, MemberFilter } from './ports.js';

/** A member as administrators read it: its contacts (unconfirmed additions that expired left out) and what they add up to. */
export interface MemberDetail {
  member: Member;
  contacts: Contact[];
  counts: {
    /** Every contact shown, confirmed or not. */
    contacts: number;
    confirmed: number;
    unconfirmed: number;
    /** Unconfirmed additions, which disappear if their address does not confirm itself in time. */
    pendingAdditions: number;
    /** Who receives event invitations and grant reminders now (none unless the member is active). */
    receivingEvents: number;
    receivingGrants: number;
  };
}

/** Primary first, then by name. */
const contactOrder = (a: Contact, b: Contact) => Number(b.primary) - Number(a.primary) || a.name.localeCompare(b.name, 'pl');

export function memberDetail(aggregate: MemberAggregate, now: Date): MemberDetail {
  const contacts = currentContacts(aggregate.contacts, now).sort(contactOrder);
  const receiving = (category: 'events' | 'grants') => contacts.filter((contact) => receivesMemberCommunication(aggregate.member, contact, category, now)).length;
  return {
    member: aggregate.member,
    contacts,
    counts: {
      contacts: contacts.length,
      confirmed: contacts.filter((contact) => contact.status === 'CONFIRMED').length,
      unconfirmed: contacts.filter((contact) => contact.status === 'UNCONFIRMED').length,
      pendingAdditions: contacts.filter((contact) => !isLasting(contact)).length,
      receivingEvents: receiving('events'),
      receivingGrants: receiving('grants'),
    },
  };
}

export interface MemberListQuery {
  /** ACTIVE by default; with `q`, every status unless one is given. */
  status?: MemberStatus;
  type?: OrganisationType;
  interest?: Interest;
  q?: string;
  limit: number;
  cursor?: string;
}

/**
 * Named query: members of one status, optionally of one type and with one
 * interest, by type then name, page by page; or, with `q`, the members whose
 * name (or a word of it), NIP or registry number, or a contact's address
 * starts with it (one page, best matches first).
 */
export async function listMembers(query: MemberListQuery, deps: { directory: MemberDirectory }): Promise<Page<MemberSummary>> {
  if (query.q !== undefined) {
    const items = await deps.directory.search({
      q: query.q,
      limit: query.limit,
      ...(query.status ? { status: query.status } : {}),
      ...(query.type ? { type: query.type } : {}),
      ...(query.interest ? { interest: query.interest } : {}),
    });
    return { items };
  }
  return deps.directory.list({
    status: query.status ?? 'ACTIVE',
    limit: query.limit,
    ...(query.type ? { type: query.type } : {}),
    ...(query.interest ? { interest: query.interest } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
}

/** Named query: one member with its contacts and their counts. */
export async function findMember(memberId: string, deps: { directory: MemberDirectory; clock: Clock }): Promise<MemberDetail> {
  const found = await deps.directory.load(memberId);
  if (!found) throw new NotFoundError('No member has this id.');
  return memberDetail(found, deps.clock.now());
}
