import { parseWarsawLocalTime } from '../calendar/warsaw-time.js';
import type { FieldError } from '../errors.js';
import type { Audience } from './funding-call.js';

/**
 * The deadline as a UTC instant, or why not: a local time the clocks skip or
 * show twice on a DST change day, or one already past, is refused with the
 * field's name (`path`, so an import names its row).
 */
export function parseDeadline(text: string, now: Date, path = 'deadline'): { deadlineAt?: string; errors: FieldError[] } {
  const parsed = parseWarsawLocalTime(text);
  if (!parsed.ok) return { errors: [{ path, message: parsed.message }] };
  if (parsed.instant.getTime() <= now.getTime()) return { errors: [{ path, message: 'The deadline has already passed; give a future date and time.' }] };
  return { deadlineAt: parsed.instant.toISOString(), errors: [] };
}

/** A segment must name something to narrow by; every member is scope "all". */
export function audienceErrors(audience: Audience, path = 'audience'): FieldError[] {
  return audience.scope === 'segment' && audience.memberTypes.length === 0 && audience.interests.length === 0
    ? [{ path, message: 'Choose member types, interests or both; or remind every active member (scope "all").' }]
    : [];
}
