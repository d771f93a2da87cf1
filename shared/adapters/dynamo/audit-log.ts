import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { TransactionEntities } from './transaction.js';

/** The audit entry of an admin action, written in the same transaction as the action; one partition per UTC day. */
export function auditWrite(tx: TransactionEntities, entry: AuditEntry) {
  return tx.auditEntry.create({ ...entry, day: entry.at.slice(0, 10) }).commit();
}
