import * as z from 'zod';
import { submitApplicationBody } from '../contracts/application-input.js';

/** For a field whose contract names no maximum: still far more than any real value needs. */
const fallbackMaxLength = 300;

type JsonSchema = { properties?: Record<string, JsonSchema>; maxLength?: number };

function collectMaxLengths(schema: JsonSchema, prefix: string, into: Map<string, number>): Map<string, number> {
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (typeof property.maxLength === 'number') into.set(path, property.maxLength);
    collectMaxLengths(property, path, into);
  }
  return into;
}

let maxLengths: Map<string, number> | undefined;

/**
 * The longest value of a form field, from the application contract itself.
 * Only a form re-rendered with errors needs it, so it is worked out then,
 * once per container, not at every cold start.
 */
export function maxLengthOf(path: string): number {
  maxLengths ??= collectMaxLengths(z.toJSONSchema(submitApplicationBody, { io: 'input', unrepresentable: 'any' }) as JsonSchema, '', new Map());
  return maxLengths.get(path) ?? fallbackMaxLength;
}

/** What a page may echo back of a submitted value: never more than the field takes. */
export function echoable(path: string, value: string): string {
  return value.slice(0, maxLengthOf(path));
}
