import { applicationDependencies as deps } from '../../shared/adapters/application-dependencies.js';
import { listApplications } from '../../shared/contracts/applications.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(listApplications, async ({ query }) =>
  json(200, await deps.store.list({ ...query, now: deps.clock.now() })),
);
