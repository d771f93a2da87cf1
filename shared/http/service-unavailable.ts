/**
 * Failures of a service the functions depend on (DynamoDB, SES) that say
 * nothing about the request: unreachable, hanging, cut off, throttled, or
 * failing on its side. The client may send the same request again later, so
 * they are answered 503 with Retry-After, not 500.
 *
 * Recognised by the names and codes the AWS SDK gives them (not by importing
 * the SDK: this layer knows no adapter), through the `cause` chain, because
 * ElectroDB wraps the SDK's error in its own.
 */

/** Seconds a client is asked to wait; SDK retries already spent a few inside the request. */
export const retryAfterSeconds = 30;

const unavailableNames = new Set([
  // The SDK's own timeouts (connection, request) and AWS's.
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  // DynamoDB and SES refusing for load.
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  // DynamoDB failing on its side.
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
]);

/** Node's socket errors: refused, reset, cut, unreachable. */
const unavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

interface MaybeServiceError {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function isUnavailable(error: MaybeServiceError): boolean {
  if (typeof error.name === 'string' && unavailableNames.has(error.name)) return true;
  if (typeof error.code === 'string' && unavailableCodes.has(error.code)) return true;
  const status = error.$metadata?.httpStatusCode;
  // A 5xx from the service itself, or an answer cut before its status line was complete.
  return typeof status === 'number' && status >= 500;
}

/** The error in this one's `cause` chain that says a service we depend on is not answering properly, if any. */
export function unavailableCause(error: unknown): { name?: string; code?: string } | undefined {
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === 'object' && !seen.has(current); current = (current as MaybeServiceError).cause) {
    seen.add(current);
    if (isUnavailable(current as MaybeServiceError)) return current as { name?: string; code?: string };
  }
  return undefined;
}

export const isServiceUnavailable = (error: unknown): boolean => unavailableCause(error) !== undefined;
