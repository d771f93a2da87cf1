import type { Actor } from '../actor.js';
import { auditEntry, type AuditEntry } from '../audit/audit-entry.js';

export type CallAction = 'grant.create' | 'grant.update' | 'grant.delete' | 'grant.import';

/** The audit entry of an administrator's change to a funding call (no person's data in a call); the actor by id only. */
export function callAuditEntry(input: { id: string; at: Date; actor: Actor; action: CallAction; target: string; before: unknown; after: unknown }): AuditEntry {
  return auditEntry({ ...input, actor: { subject: input.actor.subject } });
}
