import { memberDependencies } from '../../shared/composition/members.js';
import { getMember } from '../../shared/contracts/members.js';
import { findMember } from '../../shared/domain/members/queries.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(getMember, async ({ params }) => json(200, await findMember(params.id, memberDependencies)));
