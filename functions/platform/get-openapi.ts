import { config } from '../../shared/config.js';
import { getOpenApi } from '../../shared/contracts/platform.js';
import { routeContracts } from '../../shared/contracts/registry.js';
import { httpHandler } from '../../shared/http/handler.js';
import { buildOpenApiDocument } from '../../shared/http/openapi.js';

// Built once per container: the document only changes with a deployment.
let document: string | undefined;

export const handler = httpHandler(getOpenApi, async () => {
  document ??= JSON.stringify(buildOpenApiDocument(routeContracts, config.PUBLIC_BASE_URL));
  return { statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' }, body: document };
});
