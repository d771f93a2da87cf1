import type { Actor } from '../actor.js';

/** Who did what to which record, when, and the record before and after. */
export interface AuditEntry {
  auditId: string;
  at: string;
  actor: { subject: string; email?: string };
  action: string;
  target: string;
  before: unknown;
  after: unknown;
}

export function auditEntry(input: { id: string; at: Date; actor: Actor; action: string; target: string; before: unknown; after: unknown }): AuditEntry {
  return {
    auditId: input.id,
    at: input.at.toISOString(),
    actor: { subject: input.actor.subject, ...(input.actor.email ? { email: input.actor.email } : {}) },
    action: input.action,
    target: input.target,
    before: input.before,
    after: input.after,
  };
}
