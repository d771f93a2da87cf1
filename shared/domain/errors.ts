/**
 * The domain's errors: what went wrong, in its own terms. They carry no HTTP
 * status; shared/http/error-response.ts maps each kind to one.
 */
export interface FieldError {
  path: string;
  message: string;
}

/** invalid: the input breaks a rule; not-found: no such thing; conflict: the state forbids it now; gone: it existed and expired. */
export type DomainErrorKind = 'invalid' | 'not-found' | 'conflict' | 'gone';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  abstract readonly code: string;
  /** The fields the error is about, where it is about some (a taken NIP, a missing reason). */
  readonly fields?: FieldError[];
}

export class ValidationError extends DomainError {
  readonly kind = 'invalid';
  readonly code = 'VALIDATION_FAILED';
  constructor(
    override readonly fields: FieldError[],
    message = 'The request has invalid fields.',
  ) {
    super(message);
  }
}

/** A pagination cursor this API did not hand out (tampered, from another listing, or truncated). */
export class InvalidCursorError extends DomainError {
  readonly kind = 'invalid';
  readonly code = 'INVALID_CURSOR';
  override readonly fields = [{ path: 'cursor', message: 'Use the nextCursor of the previous page, unchanged.' }];
  constructor() {
    super('The cursor is not one this listing returned.');
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found';
  readonly code = 'NOT_FOUND';
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';
  readonly code: string;
  override readonly fields?: FieldError[];
  constructor(message: string, code = 'CONFLICT', fields?: FieldError[]) {
    super(message);
    this.code = code;
    this.fields = fields;
  }
}

export class GoneError extends DomainError {
  readonly kind = 'gone';
  readonly code = 'GONE';
}
