import { getMember, listMembers } from '../adapters/dynamo/member-repository.js';
import type { MemberDirectory } from '../domain/members/queries.js';

/** The composition root of member upkeep: the directory the member queries read. */
export const memberDependencies: { directory: MemberDirectory } = {
  directory: { list: listMembers, get: getMember },
};
