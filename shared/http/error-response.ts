import { DomainError, type DomainErrorKind, type FieldError } from '../domain/errors.js';
import { logger } from '../platform/logger.js';
import { HttpError } from './errors.js';
import { json, type HttpResult } from './responses.js';
import { isServiceUnavailable, retryAfterSeconds } from './service-unavailable.js';

const statusOfKind: Record<DomainErrorKind, number> = { invalid: 400, 'not-found': 404, conflict: 409, gone: 410 };

export interface KnownError {
  statusCode: number;
  code: string;
  message: string;
  fields?: FieldError[];
  /** Set for a refusal the client should send again later (503): the Retry-After header's seconds. */
  retryAfterSeconds?: number;
}

const unavailable: KnownError = {
  statusCode: 503,
  code: 'SERVICE_UNAVAILABLE',
  message: 'The service is briefly unavailable. Please send the same request again in a moment.',
  retryAfterSeconds,
};

/** A domain or HTTP refusal as the client will see it; undefined for anything unexpected. */
export function describeError(error: unknown): KnownError | undefined {
  if (error instanceof DomainError) return { statusCode: statusOfKind[error.kind], code: error.code, message: error.message, fields: error.fields };
  if (error instanceof HttpError) return { statusCode: error.statusCode, code: error.code, message: error.message };
  if (isServiceUnavailable(error)) return unavailable;
  return undefined;
}

/** The Retry-After header of a refusal to send again later; none for the others. */
export function retryAfterHeader(known: KnownError): Record<string, string> {
  return known.retryAfterSeconds === undefined ? {} : { 'retry-after': String(known.retryAfterSeconds) };
}

/** The one place where errors become HTTP answers. No internal message reaches a client. */
export function errorResponse(error: unknown): HttpResult {
  const known = describeError(error);
  if (known) {
    const fields = known.fields && known.fields.length > 0 ? { fields: known.fields } : {};
    return json(known.statusCode, { error: { code: known.code, message: known.message, ...fields } }, retryAfterHeader(known));
  }
  logger.error('unexpected error', { error: error as Error });
  return json(500, { error: { code: 'INTERNAL', message: 'Something went wrong on our side. Please try again later.' } });
}
