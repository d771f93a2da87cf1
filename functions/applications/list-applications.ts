import { listApplications as listApplicationsRoute } from '../../shared/contracts/applications.js';
import { listApplications } from '../../shared/adapters/dynamo/application-repository.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(listApplicationsRoute, async ({ query }) => json(200, await listApplications(query)));
