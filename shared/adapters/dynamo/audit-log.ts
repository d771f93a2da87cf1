import { config } from '../../config.js';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import { entities, keys } from './keys.js';
import type { TransactItem } from './transaction.js';

/** The audit entry of an admin action, written in the same transaction as the action. */
export function auditPut(entry: AuditEntry): TransactItem {
  return { Put: { TableName: config.TABLE_NAME, Item: { ...keys.audit(entry.at, entry.auditId), entity: entities.audit, ...entry } } };
}
