import { memberDependencies } from '../../shared/composition/members.js';
import { removeContact as route } from '../../shared/contracts/members.js';
import { removeContact } from '../../shared/domain/members/upkeep.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(route, async ({ params }, { principal }) => json(200, await removeContact(params.id, params.contactId, principal!, memberDependencies)));
