import { applicationDependencies } from '../../shared/composition/applications.js';
import { listApplications as route } from '../../shared/contracts/applications.js';
import { listApplications } from '../../shared/domain/applications/queries.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(route, async ({ query }) => json(200, await listApplications(query, applicationDependencies)));
