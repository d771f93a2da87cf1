import { applicationDependencies } from '../../shared/composition/applications.js';
import { approveApplication } from '../../shared/contracts/applications.js';
import { approveApplication as approve } from '../../shared/domain/applications/decide-application.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(approveApplication, async ({ params }, { principal }) =>
  json(200, await approve(params.id, principal!, applicationDependencies)),
);
