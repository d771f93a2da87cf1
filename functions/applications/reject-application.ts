import { applicationDependencies } from '../../shared/composition/applications.js';
import { rejectApplication } from '../../shared/contracts/applications.js';
import { rejectApplication as reject } from '../../shared/domain/applications/decide-application.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(rejectApplication, async ({ params, body }, { principal }) =>
  json(200, await reject(params.id, body.reason, principal!, applicationDependencies)),
);
