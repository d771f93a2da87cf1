import { memberDependencies } from '../../shared/composition/members.js';
import { listMembers as route } from '../../shared/contracts/members.js';
import { listMembers } from '../../shared/domain/members/queries.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(route, async ({ query }) => json(200, await listMembers(query, memberDependencies)));
