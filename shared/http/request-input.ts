import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ZodType } from 'zod';
import { UnsupportedMediaTypeError, ValidationError, type FieldError } from '../errors.js';
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

/** A browser submitting an HTML form (it accepts HTML back), as opposed to a program posting form fields. */
export function isFormPost(event: APIGatewayProxyEventV2): boolean {
  const contentType = (event.headers?.['content-type'] ?? '').toLowerCase();
  return contentType.startsWith('application/x-www-form-urlencoded') && (event.headers?.accept ?? '').includes('text/html');
}

/** Validates every part of the request; one answer names the failing fields of all parts. */
export function readRouteInput<R extends RouteContract>(route: R, event: APIGatewayProxyEventV2): RouteInput<R> {
  const fields: FieldError[] = [];
  const read = (schema: ZodType | undefined, value: () => unknown, part: 'headers' | 'body' | 'query' | 'params') => {
    if (!schema) return undefined;
    try {
      return validatePart(schema, value(), part);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      fields.push(...error.fields);
      return undefined;
    }
  };
  const input = {
    params: read(route.params, () => event.pathParameters ?? {}, 'params'),
    query: read(route.query, () => event.queryStringParameters ?? {}, 'query'),
    headers: read(route.headers, () => event.headers ?? {}, 'headers'),
    body: read(route.body, () => parseBody(event), 'body'),
  };
  if (fields.length > 0) throw new ValidationError(fields);
  return input as RouteInput<R>;
}
