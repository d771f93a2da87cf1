import type { Page } from '../page.js';
import type { AuditEntry } from './audit-entry.js';

/** Which entries: by the acting administrator's subject, by target, or both; `from`/`to` bound `at` (ISO-8601 UTC, inclusive). */
export type AuditFilter = ({ actor: string; target?: string } | { actor?: string; target: string }) & { from?: string; to?: string };

/** The audit log read by key: an actor's or a target's partition, in time order (newest first). Nothing here changes or deletes an entry. */
export interface AuditLogReader {
  list(filter: AuditFilter, limit: number, cursor?: string): Promise<Page<AuditEntry>>;
}

/** Named query: `GET /admin/audit`. A target partition is usually the smaller, so with both the actor filters it. */
export function listAuditEntries(options: AuditFilter & { limit: number; cursor?: string }, log: AuditLogReader): Promise<Page<AuditEntry>> {
  const { limit, cursor, ...filter } = options;
  return log.list(filter, limit, cursor);
}
