import type { ZodType } from 'zod';
import { ValidationError, type FieldError } from '../errors.js';

/** Validates one part of a request; every failing field is reported, prefixed with the part it came from. */
export function validatePart<S extends ZodType>(schema: S, value: unknown, part: 'headers' | 'body' | 'query' | 'params') {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields: FieldError[] = result.error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : part,
    message: issue.message,
  }));
  throw new ValidationError(fields);
}
