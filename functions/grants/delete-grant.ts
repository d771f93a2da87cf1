import { grantDependencies } from '../../shared/composition/grants.js';
import { deleteGrant as route } from '../../shared/contracts/grants.js';
import { deleteCall } from '../../shared/domain/grants/delete-call.js';
import { httpHandler } from '../../shared/http/handler.js';

export const handler = httpHandler(route, async ({ params, query }, { principal }) => {
  await deleteCall(params.id, query.version, principal!, grantDependencies);
  return { statusCode: 204 };
});
