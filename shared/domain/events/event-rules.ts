import { parseWarsawLocalTime } from '../calendar/warsaw-time.js';
import { ValidationError, type FieldError } from '../errors.js';
import type { ClusterEvent } from './event.js';

/** The local-time fields of the input and the instants they become. */
export const localTimeFields = { start: 'startsAt', end: 'endsAt', rsvpDeadline: 'rsvpDeadlineAt' } as const;
export type LocalTimeField = keyof typeof localTimeFields;

type Instants = Partial<Pick<ClusterEvent, 'startsAt' | 'endsAt' | 'rsvpDeadlineAt'>>;

/**
 * Warsaw local times → UTC instants. A time the clocks skip or show twice on
 * a DST change day is refused with the field's name, never guessed.
 */
export function parseLocalTimes(given: Partial<Record<LocalTimeField, string>>): { instants: Instants; errors: FieldError[] } {
  const instants: Instants = {};
  const errors: FieldError[] = [];
  for (const field of Object.keys(localTimeFields) as LocalTimeField[]) {
    const text = given[field];
    if (text === undefined) continue;
    const parsed = parseWarsawLocalTime(text);
    if (parsed.ok) instants[localTimeFields[field]] = parsed.instant.toISOString();
    else errors.push({ path: field, message: parsed.message });
  }
  return { instants, errors };
}

/** The event as it would be after a create or a change; instants that did not parse are absent. */
export type EventDraft = Omit<ClusterEvent, 'startsAt' | 'endsAt' | 'rsvpDeadlineAt'> & Instants;

/**
 * The rules across fields. `given` names the fields the request sent: when a
 * change breaks an order with a stored value, the refusal names the field the
 * administrator changed, not the one they did not touch.
 */
export function eventRuleErrors(draft: EventDraft, given: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  const blame = (field: string, other: string) => (given.has(field) || !given.has(other) ? field : other);
  const { startsAt, endsAt, rsvpDeadlineAt } = draft;
  if (startsAt && endsAt && endsAt <= startsAt) errors.push({ path: blame('end', 'start'), message: 'The event must end after it starts.' });
  if (startsAt && rsvpDeadlineAt && rsvpDeadlineAt >= startsAt) errors.push({ path: blame('rsvpDeadline', 'start'), message: 'The RSVP deadline must be before the start.' });
  if (draft.venue === undefined && draft.onlineUrl === undefined) {
    errors.push({ path: given.has('onlineUrl') && !given.has('venue') ? 'onlineUrl' : 'venue', message: 'Give a venue address, an online link, or both.' });
  }
  if (draft.seatLimitPerMember !== undefined && draft.seatLimitPerMember > draft.capacity) {
    errors.push({ path: blame('seatLimitPerMember', 'capacity'), message: `A member organisation cannot have more seats than the event (${draft.capacity}).` });
  }
  if (draft.audience.scope === 'segment' && draft.audience.memberTypes.length === 0 && draft.audience.interests.length === 0) {
    errors.push({ path: 'audience', message: 'Choose member types, interests or both; or invite every active member (scope "all").' });
  }
  const seen = new Set<string>();
  draft.extraInvitees.forEach((invitee, index) => {
    const address = invitee.email.trim().toLowerCase();
    if (seen.has(address)) errors.push({ path: `extraInvitees.${index}.email`, message: 'This address is already on the list.' });
    seen.add(address);
  });
  return errors;
}

/** Throws one ValidationError naming every failing field, or returns the draft as a complete event. */
export function validEvent(draft: EventDraft, given: ReadonlySet<string>, parseErrors: FieldError[]): ClusterEvent {
  const errors = [...parseErrors, ...eventRuleErrors(draft, given)];
  if (errors.length > 0) throw new ValidationError(errors);
  return draft as ClusterEvent;
}
