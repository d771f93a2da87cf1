import type { Contact, Member, MemberStatus, MemberSummary } from '../../domain/members/member.js';
import type { Interest, OrganisationType } from '../../domain/organisations/reference-data.js';
import type { Page } from '../../domain/page.js';
import { tolerant } from './entities/common.js';
import { cursorFor } from './pagination.js';
import { glokal } from './service.js';
import type { TransactionEntities } from './transaction.js';

const { member: members, memberInterest } = glokal.entities;

const summaryOf = (member: Pick<Member, keyof MemberSummary>): MemberSummary => ({
  memberId: member.memberId,
  name: member.name,
  type: member.type,
  country: member.country,
  status: member.status,
  interests: member.interests,
  joinedAt: member.joinedAt,
});

/**
 * The writes of a new member: the member, its primary contact, and one item
 * per interest (so "members interested in X" is a query, not a scan), each
 * refused if it exists.
 */
export function newMemberWrites(tx: TransactionEntities, member: Member, contact: Contact) {
  return {
    member: tx.member.create(member).commit(),
    contact: tx.contact.create(contact).commit(),
    memberInterests: member.interests.map((interest) => tx.memberInterest.create({ interest, ...summaryOf(member) }).commit()),
  };
}

export interface MemberFilter {
  status: MemberStatus;
  type?: OrganisationType;
  interest?: Interest;
  limit: number;
  cursor?: string;
}

const toPage = (page: { data: MemberSummary[]; cursor: string | null }): Page<MemberSummary> => ({
  items: page.data.map(summaryOf),
  ...(page.cursor ? { nextCursor: page.cursor } : {}),
});

/** Access patterns `member.byStatus` (by type, then name) and `memberInterest.byInterest` (by status, type, name). */
export async function listMembers({ status, type, interest, limit, cursor }: MemberFilter): Promise<Page<MemberSummary>> {
  const byType = type ? { type } : {};
  if (interest !== undefined) {
    const query = memberInterest.query.byInterest({ interest, status, ...byType });
    return toPage(await query.go({ ...tolerant, limit, cursor: cursorFor(cursor, query) }));
  }
  const query = members.query.byStatus({ status, ...byType });
  return toPage(await query.go({ ...tolerant, limit, cursor: cursorFor(cursor, query) }));
}

/** Collection `memberWithContacts`: the member and its contacts in one query over its partition. */
export async function getMember(memberId: string): Promise<{ member: Member; contacts: Contact[] } | undefined> {
  const { data } = await glokal.collections.memberWithContacts({ memberId }).go({ ...tolerant, pages: 'all' });
  const [member] = data.member;
  if (!member) return undefined;
  return { member, contacts: data.contact };
}
