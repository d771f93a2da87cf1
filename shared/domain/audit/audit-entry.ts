import type { Actor } from '../actor.js';

/**
 * Who did what to which record, when, and the record before and after. The
 * actor is the token's subject only, and targets and before/after name people
 * by ids (or an address's keyed hash), never by address or name: an erasure
 * never has to rewrite the log.
 */
export interface AuditEntry {
  auditId: string;
  at: string;
  actor: { subject: string };
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

export function auditEntry(input: { id: string; at: Date; actor: Actor; action: string; target: string; before: unknown; after: unknown }): AuditEntry {
  return {
    auditId: input.id,
    at: input.at.toISOString(),
    // The token may carry an address; the log keeps the subject alone.
    actor: { subject: input.actor.subject },
    action: input.action,
    target: input.target,
    before: input.before,
    after: input.after,
  };
}
