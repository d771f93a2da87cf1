import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { UnsupportedMediaTypeError } from './errors.js';
import { mediaTypeOf } from './request-input.js';

/**
 * The body's bytes, for a route that reads a file itself (a CSV whose
 * encoding it detects). API Gateway hands over bytes that are not UTF-8
 * base64-encoded; they come back exactly.
 */
export function rawBodyBytes(event: APIGatewayProxyEventV2, mediaType: string): Uint8Array {
  if (mediaTypeOf(event) !== mediaType) throw new UnsupportedMediaTypeError(`Send the file as ${mediaType}.`);
  if (!event.body) return new Uint8Array();
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}
