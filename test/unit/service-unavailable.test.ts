import { describe, expect, it } from 'vitest';
import { httpRoutes } from '../../infra/manifest-types.js';
import { manifest } from '../../infra/manifest.js';
import { parseConfig } from '../../shared/config.js';
import { errorResponse } from '../../shared/http/error-response.js';
import { isServiceUnavailable } from '../../shared/http/service-unavailable.js';

const required = { TABLE_NAME: 't', MAIL_FROM: 'Office <o@example.test>', PUBLIC_BASE_URL: 'https://api.example.test' };

describe('DynamoDB call bounds', () => {
  it('by default a hanging table is given up well inside every API function’s timeout: every attempt timed out, plus the longest backoff', () => {
    const config = parseConfig(required);
    // The SDK's standard strategy waits at most 2^attempt × 500 ms before a retry after throttling (100 ms after other errors).
    const longestBackoffMs = Array.from({ length: config.DYNAMODB_MAX_ATTEMPTS - 1 }, (_, retry) => 2 ** (retry + 1) * 500).reduce((sum, ms) => sum + ms, 0);
    const worstMs = config.DYNAMODB_MAX_ATTEMPTS * config.DYNAMODB_REQUEST_TIMEOUT_MS + longestBackoffMs;
    for (const { fn } of httpRoutes(manifest)) expect(worstMs, fn.name).toBeLessThanOrEqual(((fn.timeoutSeconds ?? 10) * 1000) / 2);
    expect(config.DYNAMODB_CONNECT_TIMEOUT_MS).toBeLessThan(config.DYNAMODB_REQUEST_TIMEOUT_MS);
  });
});

describe('a failing dependency becomes a 503', () => {
  const wrapped = (cause: unknown) => Object.assign(new Error('Error thrown by ElectroDB'), { name: 'ElectroError', cause });

  it.each([
    ['a request timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError', code: 'ETIMEDOUT' })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a connection cut mid-answer', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['throttling', Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException', $metadata: { httpStatusCode: 400 } })],
    ['a 5xx from the service', Object.assign(new Error('oops'), { name: 'UnknownError', $metadata: { httpStatusCode: 500 } })],
    ['any of these wrapped by ElectroDB', wrapped(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))],
  ])('%s: 503 SERVICE_UNAVAILABLE with Retry-After', (_, error) => {
    expect(isServiceUnavailable(error)).toBe(true);
    const answer = errorResponse(error);
    expect(answer.statusCode).toBe(503);
    expect(answer.headers?.['retry-after']).toBe('30');
    expect(JSON.parse(answer.body!)).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } });
  });

  it.each([
    ['a bug', new TypeError('x is undefined')],
    ['a refused request to the service', Object.assign(new Error('bad'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } })],
    ['a cycle of causes', (() => { const error: Error & { cause?: unknown } = new Error('loop'); error.cause = error; return error; })()],
  ])('%s stays a 500', (_, error) => {
    expect(isServiceUnavailable(error)).toBe(false);
    expect(errorResponse(error).statusCode).toBe(500);
  });
});
