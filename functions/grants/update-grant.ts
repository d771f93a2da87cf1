import { grantDependencies } from '../../shared/composition/grants.js';
import { updateGrant as route } from '../../shared/contracts/grants.js';
import { callView } from '../../shared/domain/grants/call-view.js';
import { updateCall } from '../../shared/domain/grants/update-call.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(route, async ({ params, body }, { principal }) =>
  json(200, callView(await updateCall(params.id, body, principal!, grantDependencies), grantDependencies.clock.now())),
);
