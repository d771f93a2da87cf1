import { grantDependencies } from '../../shared/composition/grants.js';
import { getGrant as route } from '../../shared/contracts/grants.js';
import { callView } from '../../shared/domain/grants/call-view.js';
import { callWithReminders } from '../../shared/domain/grants/queries.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(route, async ({ params }) => {
  const { call, remindersSent } = await callWithReminders(params.id, grantDependencies);
  return json(200, { ...callView(call, grantDependencies.clock.now()), remindersSent });
});
