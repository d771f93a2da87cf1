/** Refusals of the HTTP layer itself (authorization, media type, size, encoding), with their status. */
export abstract class HttpError extends Error {
  abstract readonly statusCode: number;
  abstract readonly code: string;
}

export class UnauthorizedError extends HttpError {
  readonly statusCode = 401;
  readonly code = 'UNAUTHORIZED';
  constructor(message = 'A valid token is required.') {
    super(message);
  }
}

export class ForbiddenError extends HttpError {
  readonly statusCode = 403;
  readonly code = 'FORBIDDEN';
  constructor(message = 'Your role does not allow this action.') {
    super(message);
  }
}

/** A body whose bytes are not valid UTF-8 (or whose text holds lone surrogates): refused, never stored with replacement characters. */
export class InvalidEncodingError extends HttpError {
  readonly statusCode = 400;
  readonly code = 'INVALID_ENCODING';
  constructor(message = 'The body is not valid UTF-8.') {
    super(message);
  }
}

/** A body over the functions' own limit (shared/http/body-limit.ts), refused before it is parsed. */
export class PayloadTooLargeError extends HttpError {
  readonly statusCode = 413;
  readonly code = 'PAYLOAD_TOO_LARGE';
}

export class UnsupportedMediaTypeError extends HttpError {
  readonly statusCode = 415;
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
}
