import { memberDependencies } from '../../shared/composition/members.js';
import { addContact as route } from '../../shared/contracts/members.js';
import { addContact } from '../../shared/domain/members/upkeep.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

/** A new contact, unconfirmed until its address confirms itself through the link it receives. */
export const handler = httpHandler(route, async ({ params, body }, { principal }) => {
  const { detail, contact } = await addContact(params.id, body, principal!, memberDependencies);
  return json(201, { contactId: contact.contactId, ...detail });
});
