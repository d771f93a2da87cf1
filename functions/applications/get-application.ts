import { applicationDependencies } from '../../shared/composition/applications.js';
import { getApplication } from '../../shared/contracts/applications.js';
import { findApplication } from '../../shared/domain/applications/queries.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(getApplication, async ({ params }) => json(200, await findApplication(params.id, applicationDependencies)));
