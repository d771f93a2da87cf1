import { listMembers as listMembersRoute } from '../../shared/contracts/members.js';
import { listMembers } from '../../shared/adapters/dynamo/member-repository.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(listMembersRoute, async ({ query }) => json(200, await listMembers(query)));
