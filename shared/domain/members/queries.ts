import { NotFoundError } from '../errors.js';
import type { Page } from '../page.js';
import type { Interest, OrganisationType } from '../organisations/reference-data.js';
import type { Contact, Member, MemberStatus, MemberSummary } from './member.js';

export interface MemberFilter {
  status: MemberStatus;
  type?: OrganisationType;
  interest?: Interest;
  limit: number;
  cursor?: string;
}

/** What the member queries need from storage. */
export interface MemberDirectory {
  list(filter: MemberFilter): Promise<Page<MemberSummary>>;
  get(memberId: string): Promise<{ member: Member; contacts: Contact[] } | undefined>;
}

/** Named query: members of one status, optionally of one type and with one interest; by type, then name. */
export function listMembers(filter: MemberFilter, deps: { directory: MemberDirectory }): Promise<Page<MemberSummary>> {
  return deps.directory.list(filter);
}

/** Named query: one member with its contacts. */
export async function findMember(memberId: string, deps: { directory: MemberDirectory }): Promise<{ member: Member; contacts: Contact[] }> {
  const found = await deps.directory.get(memberId);
  if (!found) throw new NotFoundError('No member has this id.');
  return found;
}
