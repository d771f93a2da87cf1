import { getMember as getMemberRoute } from '../../shared/contracts/members.js';
import { getMember } from '../../shared/adapters/dynamo/member-repository.js';
import { NotFoundError } from '../../shared/domain/errors.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(getMemberRoute, async ({ params }) => {
  const found = await getMember(params.id);
  if (!found) throw new NotFoundError('No member has this id.');
  return json(200, found);
});
