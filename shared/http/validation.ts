import type { ZodType } from 'zod';
import { ValidationError, type FieldError } from '../domain/errors.js';

/** More than any contract has fields: a refusal stays small, whatever was sent. */
const maxReportedFields = 100;

/** Validates one part of a request; every failing field is reported once, prefixed with the part it came from. */
export function validatePart<S extends ZodType>(schema: S, value: unknown, part: 'headers' | 'body' | 'query' | 'params') {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = new Map<string, FieldError>();
  for (const issue of result.error.issues) {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : part;
    if (!fields.has(path)) fields.set(path, { path, message: issue.message });
    if (fields.size >= maxReportedFields) break;
  }
  throw new ValidationError([...fields.values()]);
}
