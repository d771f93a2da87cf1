import { memberDependencies } from '../../shared/composition/members.js';
import { updateMember as route } from '../../shared/contracts/members.js';
import { updateMember } from '../../shared/domain/members/upkeep.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

/** Name, type, address, website, interests, status with a reason; every copy of the member changes with it, or nothing does. */
export const handler = httpHandler(route, async ({ params, body }, { principal }) => json(200, await updateMember(params.id, body, principal!, memberDependencies)));
