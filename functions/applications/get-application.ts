import { applicationDependencies as deps } from '../../shared/adapters/application-dependencies.js';
import { getApplication } from '../../shared/contracts/applications.js';
import { NotFoundError } from '../../shared/domain/errors.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(getApplication, async ({ params }) => {
  const application = await deps.store.get(params.id);
  if (!application) throw new NotFoundError('No application has this id.');
  return json(200, application);
});
