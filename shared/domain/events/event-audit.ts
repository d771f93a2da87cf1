import type { Actor } from '../actor.js';
import { auditEntry, type AuditEntry } from '../audit/audit-entry.js';
import type { ClusterEvent } from './event.js';

/**
 * An event as its audit entry records it: extra invitees by id only, so the
 * log names no person by address or name and an erasure never rewrites it.
 */
export function auditedEvent(event: Partial<ClusterEvent>): Record<string, unknown> {
  const { extraInvitees, ...rest } = event;
  return extraInvitees === undefined ? rest : { ...rest, extraInvitees: extraInvitees.map((invitee) => invitee.inviteeId) };
}

/** The audit entry of an administrator's change to an event; the actor by id only (the token's subject). */
export function eventAuditEntry(input: { id: string; at: Date; actor: Actor; action: 'event.create' | 'event.update' | 'event.cancel' | 'event.invitations.start'; eventId: string; before: unknown; after: unknown }): AuditEntry {
  return auditEntry({ ...input, actor: { subject: input.actor.subject }, target: `event/${input.eventId}` });
}
