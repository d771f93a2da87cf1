import { grantDependencies } from '../../shared/composition/grants.js';
import { createGrant as route } from '../../shared/contracts/grants.js';
import { callView } from '../../shared/domain/grants/call-view.js';
import { createCall } from '../../shared/domain/grants/create-call.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(route, async ({ body }, { principal }) => {
  const call = await createCall(body, principal!, grantDependencies);
  return json(201, callView(call, grantDependencies.clock.now()), { location: `/admin/grants/${call.callId}` });
});
