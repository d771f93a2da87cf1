import { memberDependencies } from '../../shared/composition/members.js';
import { updateContact as route } from '../../shared/contracts/members.js';
import { updateContact } from '../../shared/domain/members/upkeep.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(route, async ({ params, body }, { principal }) =>
  json(200, await updateContact(params.id, params.contactId, body, principal!, memberDependencies)),
);
