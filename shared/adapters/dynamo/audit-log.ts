import type { EntityItem } from 'electrodb';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { AuditLogReader } from '../../domain/audit/audit-queries.js';
import { tolerant } from './entities/common.js';
import { cursorFor } from './pagination.js';
import { glokal } from './service.js';
import type { TransactionEntities } from './transaction.js';

const { auditEntry } = glokal.entities;

/** The audit entry of an admin action, written in the same transaction as the action; one partition per UTC day, per actor and per target. */
export function auditWrite(tx: TransactionEntities, entry: AuditEntry) {
  return tx.auditEntry.create({ ...entry, day: entry.at.slice(0, 10) }).commit();
}

/** An entry as stored; `actor.email` only on entries written before actors were named by subject alone. */
export const auditEntryFromItem = ({ actor, ...entry }: EntityItem<typeof auditEntry>): AuditEntry => ({ ...entry, actor: { subject: actor.subject } }) as AuditEntry;

// Sort keys are `<at>#<auditId>`: '~' sorts after every id, so `to` includes its own instant.
const lowest = (from: string | undefined) => ({ at: from ?? '0000' });
const highest = (to: string | undefined) => ({ at: to ?? '9999', auditId: '~' });

export const auditLogRepository: AuditLogReader = {
  async list(filter, limit, cursor) {
    const index = filter.target !== undefined ? auditEntry.query.byTarget({ target: filter.target }) : auditEntry.query.byActor({ actorSubject: filter.actor! });
    const ranged = index.between(lowest(filter.from), highest(filter.to));
    const query = filter.target !== undefined && filter.actor !== undefined ? ranged.where(({ actor }, { eq }) => eq(actor.subject, filter.actor!)) : ranged;
    const page = await query.go({ ...tolerant, order: 'desc', limit, cursor: cursorFor(cursor, query) });
    return { items: page.data.map(auditEntryFromItem), ...(page.cursor ? { nextCursor: page.cursor } : {}) };
  },
};
