import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { NotFoundError } from '../domain/errors.js';
import { html, type HttpResult } from '../http/responses.js';
import { unknownLinkPage } from './page.js';

/** For routes people reach from an email link: an unknown token is a page in their language, not a JSON error. */
export function unknownLinkAsPage(error: unknown, event: APIGatewayProxyEventV2): HttpResult | undefined {
  if (!(error instanceof NotFoundError)) return undefined;
  return html(404, unknownLinkPage(event.queryStringParameters?.lang === 'en' ? 'en' : 'pl'));
}
