import { auditLog } from '../../shared/composition/audit.js';
import { auditEntryView, listAudit } from '../../shared/contracts/audit.js';
import { listAuditEntries, type AuditFilter } from '../../shared/domain/audit/audit-queries.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

/** Administrators read the audit log by actor and/or target; the contract's refinement guarantees one of them. */
export const handler = httpHandler(listAudit, async ({ query }) => {
  const page = await listAuditEntries({ ...(query as AuditFilter), limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) }, auditLog);
  return json(200, { items: page.items.map((entry) => auditEntryView.parse(entry)), nextCursor: page.nextCursor });
});
