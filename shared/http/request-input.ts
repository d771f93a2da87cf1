import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { UnsupportedMediaTypeError, ValidationError } from '../errors.js';
import { formToObject, multipartToObject } from './form-body.js';
import type { RouteContract, RouteInput } from './route.js';
import { validatePart } from './validation.js';

function rawBody(event: APIGatewayProxyEventV2): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** JSON and form-urlencoded bodies both arrive as the same plain object. */
export function parseBody(event: APIGatewayProxyEventV2): unknown {
  const text = rawBody(event);
  if (text.trim() === '') return {};
  const contentType = (event.headers?.['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType === 'application/json' || contentType.endsWith('+json')) {
    try {
      return JSON.parse(text);
    } catch {
      throw new ValidationError([{ path: 'body', message: 'The body is not valid JSON.' }]);
    }
  }
  if (contentType === 'application/x-www-form-urlencoded') return formToObject(text);
  const boundary = /boundary="?([^";]+)"?/i.exec(event.headers?.['content-type'] ?? '')?.[1];
  if (contentType === 'multipart/form-data' && boundary) return multipartToObject(text, boundary);
  throw new UnsupportedMediaTypeError('Send application/json or application/x-www-form-urlencoded.');
}

export function isFormPost(event: APIGatewayProxyEventV2): boolean {
  return (event.headers?.['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

export function readRouteInput<R extends RouteContract>(route: R, event: APIGatewayProxyEventV2): RouteInput<R> {
  const input = {
    body: route.body ? validatePart(route.body, parseBody(event), 'body') : undefined,
    query: route.query ? validatePart(route.query, event.queryStringParameters ?? {}, 'query') : undefined,
    params: route.params ? validatePart(route.params, event.pathParameters ?? {}, 'params') : undefined,
  };
  return input as RouteInput<R>;
}
