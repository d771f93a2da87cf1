import { grantDependencies } from '../../shared/composition/grants.js';
import { listGrants as route } from '../../shared/contracts/grants.js';
import { callView } from '../../shared/domain/grants/call-view.js';
import { listCalls } from '../../shared/domain/grants/queries.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(route, async ({ query }) => {
  const page = await listCalls(query, grantDependencies);
  const now = grantDependencies.clock.now();
  return json(200, { ...page, items: page.items.map((call) => callView(call, now)) });
});
