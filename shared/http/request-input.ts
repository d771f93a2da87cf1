import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ZodType } from 'zod';
import { ValidationError, type FieldError } from '../domain/errors.js';
import { InvalidEncodingError, UnsupportedMediaTypeError } from './errors.js';
import { formToObject, multipartToObject } from './form-body.js';
import type { RouteContract, RouteInput } from './route.js';
import { validatePart } from './validation.js';

/** Refuses bytes that are not UTF-8 rather than storing U+FFFD in their place. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A high surrogate not followed by a low one, or a low one not preceded by a high one: text no UTF-8 could have produced. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The body as text. API Gateway (and the local stack) hand over a body that
 * is not valid UTF-8 base64-encoded; it is decoded here, strictly.
 */
function rawBody(event: APIGatewayProxyEventV2): string {
  if (!event.body) return '';
  if (!event.isBase64Encoded) {
    if (loneSurrogate.test(event.body)) throw new InvalidEncodingError();
    return event.body;
  }
  try {
    return utf8.decode(Buffer.from(event.body, 'base64'));
  } catch {
    throw new InvalidEncodingError();
  }
}

/** JSON escapes (`"\ud800"`) can spell what no UTF-8 can: refused like invalid bytes. */
function strictJson(text: string): unknown {
  return JSON.parse(text, (key, value: unknown) => {
    if (loneSurrogate.test(key) || (typeof value === 'string' && loneSurrogate.test(value))) throw new InvalidEncodingError();
    return value;
  });
}

/** The body's media type: the Content-Type header without its parameters, lower-cased. */
export function mediaTypeOf(event: APIGatewayProxyEventV2): string {
  return (event.headers?.['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** JSON and form-urlencoded bodies both arrive as the same plain object. */
export function parseBody(event: APIGatewayProxyEventV2): unknown {
  const text = rawBody(event);
  if (text.trim() === '') return {};
  const contentType = mediaTypeOf(event);
  if (contentType === 'application/json' || contentType.endsWith('+json')) {
    try {
      return strictJson(text);
    } catch (error) {
      if (error instanceof InvalidEncodingError) throw error;
      throw new ValidationError([{ path: 'body', message: 'The body is not valid JSON.' }]);
    }
  }
  if (contentType === 'application/x-www-form-urlencoded') return formToObject(text);
  const boundary = /boundary="?([^";]+)"?/i.exec(event.headers?.['content-type'] ?? '')?.[1];
  if (contentType === 'multipart/form-data' && boundary) return multipartToObject(text, boundary);
  throw new UnsupportedMediaTypeError('Send application/json or application/x-www-form-urlencoded.');
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every body is an object (a JSON object, or the fields of a form): `null`,
 * `true`, `0`, `""` and `[]` are refused here, once for every route, before
 * any schema (or its refinements) sees them.
 */
export function parseBodyObject(event: APIGatewayProxyEventV2): Record<string, unknown> {
  const value = parseBody(event);
  if (!isObject(value)) throw new ValidationError([{ path: 'body', message: 'The body must be a JSON object.' }]);
  return value;
}

/**
 * What the request's body holds, for pages that show a person's input back
 * after a refusal: never throws (a body that could not be read shows as empty).
 */
export function bodyValues(event: APIGatewayProxyEventV2): Record<string, unknown> {
  try {
    return parseBodyObject(event);
  } catch {
    return {};
  }
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
    body: read(route.body, () => parseBodyObject(event), 'body'),
  };
  if (fields.length > 0) throw new ValidationError(fields);
  return input as RouteInput<R>;
}
