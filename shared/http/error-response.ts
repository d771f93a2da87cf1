import { AppError } from '../errors.js';
import { logger } from '../platform/logger.js';
import { json, type HttpResult } from './responses.js';

/** The one place where errors become HTTP answers. No internal message reaches a client. */
export function errorResponse(error: unknown): HttpResult {
  if (error instanceof AppError) {
    if (error.statusCode >= 500) logger.error('request failed', { error });
    const fields = error.fields && error.fields.length > 0 ? { fields: error.fields } : {};
    return json(error.statusCode, { error: { code: error.code, message: error.message, ...fields } });
  }
  logger.error('unexpected error', { error: error as Error });
  return json(500, { error: { code: 'INTERNAL', message: 'Something went wrong on our side. Please try again later.' } });
}
