import type { ClusterEvent, EventChanges, ExtraInvitee } from './event.js';

/** The fields whose change is a change of time or place: calendars need an update (.ics SEQUENCE + 1). */
export const timeAndPlaceFields = ['startsAt', 'endsAt', 'venue', 'onlineUrl'] as const satisfies ReadonlyArray<keyof ClusterEvent>;

/** The fields an administrator may change. */
export const changeableFields = [
  'type',
  'title',
  'description',
  'startsAt',
  'endsAt',
  'rsvpDeadlineAt',
  'venue',
  'onlineUrl',
  'capacity',
  'seatLimitPerMember',
  'audience',
  'extraInvitees',
] as const satisfies ReadonlyArray<keyof ClusterEvent>;
export type ChangeableField = (typeof changeableFields)[number];

/** JSON with object keys in order: equal values compare equal however their keys were ordered. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner,
  );
}

export function changedFields(before: ClusterEvent, after: ClusterEvent): ChangeableField[] {
  return changeableFields.filter((field) => canonical(before[field]) !== canonical(after[field]));
}

/**
 * The new list of partners: an address already on the list keeps its id (an
 * invitation already sent to it stays that partner's), a new one gets one.
 */
export function mergeExtraInvitees(current: ExtraInvitee[], next: NonNullable<EventChanges['extraInvitees']>, newId: () => string): ExtraInvitee[] {
  const idsByAddress = new Map(current.map((invitee) => [invitee.email.trim().toLowerCase(), invitee.inviteeId]));
  return next.map((invitee) => ({ inviteeId: idsByAddress.get(invitee.email.trim().toLowerCase()) ?? newId(), ...invitee }));
}

/** The fields in `fields` of an event, for an audit entry's before and after. */
export function pick(event: ClusterEvent, fields: readonly ChangeableField[]): Partial<ClusterEvent> {
  return Object.fromEntries(fields.map((field) => [field, event[field] ?? null])) as Partial<ClusterEvent>;
}
