/**
 * Typed errors of the domain. The HTTP layer maps them to status codes in one
 * place (shared/http/error-response.ts); anything else is a logged, generic 500.
 */
export interface FieldError {
  path: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly statusCode: number;
  abstract readonly code: string;
  /** The fields the error is about, where it is about some (a taken NIP, a missing reason). */
  readonly fields?: FieldError[];
}

export class ValidationError extends AppError {
  readonly statusCode = 400;
  readonly code = 'VALIDATION_FAILED';
  constructor(
    override readonly fields: FieldError[],
    message = 'The request has invalid fields.',
  ) {
    super(message);
  }
}

export class UnauthorizedError extends AppError {
  readonly statusCode = 401;
  readonly code = 'UNAUTHORIZED';
  constructor(message = 'A valid token is required.') {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  readonly statusCode = 403;
  readonly code = 'FORBIDDEN';
  constructor(message = 'Your role does not allow this action.') {
    super(message);
  }
}

export class NotFoundError extends AppError {
  readonly statusCode = 404;
  readonly code = 'NOT_FOUND';
}

export class ConflictError extends AppError {
  readonly statusCode = 409;
  readonly code: string;
  override readonly fields?: FieldError[];
  constructor(message: string, code = 'CONFLICT', fields?: FieldError[]) {
    super(message);
    this.code = code;
    this.fields = fields;
  }
}

export class GoneError extends AppError {
  readonly statusCode = 410;
  readonly code = 'GONE';
}

/** A body whose bytes are not valid UTF-8 (or whose text holds lone surrogates): refused, never stored with replacement characters. */
export class InvalidEncodingError extends AppError {
  readonly statusCode = 400;
  readonly code = 'INVALID_ENCODING';
  constructor(message = 'The body is not valid UTF-8.') {
    super(message);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  readonly statusCode = 415;
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
}

/** A pagination cursor this API did not hand out (tampered, from another listing, or truncated). */
export class InvalidCursorError extends AppError {
  readonly statusCode = 400;
  readonly code = 'INVALID_CURSOR';
  override readonly fields = [{ path: 'cursor', message: 'Use the nextCursor of the previous page, unchanged.' }];
  constructor() {
    super('The cursor is not one this listing returned.');
  }
}

/** A body over the functions' own limit (shared/http/body-limit.ts), refused before it is parsed. */
export class PayloadTooLargeError extends AppError {
  readonly statusCode = 413;
  readonly code = 'PAYLOAD_TOO_LARGE';
}
