import { auditLogRepository } from '../adapters/dynamo/audit-log.js';
import type { AuditLogReader } from '../domain/audit/audit-queries.js';

/** GET /admin/audit: the log read by actor or target partition. */
export const auditLog: AuditLogReader = auditLogRepository;
