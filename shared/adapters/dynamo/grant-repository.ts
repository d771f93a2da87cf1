import type { EntityItem } from 'electrodb';
import type { FundingCall } from '../../domain/grants/funding-call.js';
import { CallsExist, StaleCall } from '../../domain/grants/errors.js';
import type { CallImport, CallImportStore, CallStore, DueReminderIndex } from '../../domain/grants/ports.js';
import type { DueReminder } from '../../domain/grants/reminder-schedule.js';
import { addWarsawDays } from '../../domain/calendar/warsaw-time.js';
import { auditWrite } from './audit-log.js';
import { batchGetAll } from './batch-get.js';
import { storedAudience, tolerant } from './entities/common.js';
import { cursorFor } from './pagination.js';
import { glokal } from './service.js';
import { ConditionsFailed, isConditionFailure, writeTogether, type TransactionEntities } from './transaction.js';

const { fundingCall: calls, grantReminderDue: dueReminders, grantImport: imports, grantSentCount: sentCounts } = glokal.entities;

/** The stored call as the domain sees it: its audience as one of the two shapes the domain knows. */
function toCall(item: EntityItem<typeof calls>): FundingCall {
  const { audience, importId, ...call } = item;
  return { ...call, audience: storedAudience(audience), ...(importId ? { importId } : {}) };
}

/** Which of these imports are committed: a call or reminder of any other is not visible yet. */
async function committedImports(importIds: ReadonlySet<string>): Promise<Set<string>> {
  if (importIds.size === 0) return new Set();
  const data = await batchGetAll(
    [...importIds].map((importId) => ({ importId })),
    (keys) => imports.get(keys).go({ consistent: true, preserveBatchOrder: false }),
  );
  return new Set(data.filter((item) => item.status === 'COMMITTED').map((item) => item.importId));
}

/** Only what is visible: items without an import, or of a committed one. */
async function visible<T extends { importId?: string }>(items: T[]): Promise<T[]> {
  const committed = await committedImports(new Set(items.flatMap((item) => (item.importId ? [item.importId] : []))));
  return items.filter((item) => !item.importId || committed.has(item.importId));
}

const reminderPut = (tx: TransactionEntities, reminder: DueReminder) => tx.grantReminderDue.put(reminder).commit();
const reminderDelete = (tx: TransactionEntities, callId: string, offset: number) => tx.grantReminderDue.delete({ callId, offset }).commit();

export const callRepository: CallStore = {
  async get(callId) {
    const { data } = await calls.get({ callId }).go({ consistent: true });
    if (!data) return undefined;
    const [call] = await visible([toCall(data)]);
    return call;
  },

  async getMany(callIds) {
    if (callIds.length === 0) return [];
    const data = await batchGetAll(
      [...new Set(callIds)].map((callId) => ({ callId })),
      (keys) => calls.get(keys).go({ consistent: true, preserveBatchOrder: false }),
    );
    return visible(data.map(toCall));
  },

  async create(call, reminders, audit) {
    await writeTogether((tx) => ({
      call: tx.fundingCall.create(call).commit(),
      reminders: reminders.map((reminder) => reminderPut(tx, reminder)),
      auditEntry: auditWrite(tx, audit),
    }));
  },

  async update(previous, next, reminders, audit) {
    const { callId, createdAt: _created, importId: _import, ...changes } = next;
    const kept = new Set(reminders?.map((reminder) => reminder.offset));
    const dropped = reminders ? [...new Set([...previous.offsets, ...next.offsets])].filter((offset) => !kept.has(offset)) : [];
    try {
      await writeTogether((tx) => ({
        // Only from the version the use case read: a concurrent change makes this one fail, never overwrites it.
        call: tx.fundingCall
          .update({ callId })
          .set(changes)
          .where((attribute, { eq }) => eq(attribute.version, previous.version))
          .commit(),
        reminders: reminders?.map((reminder) => reminderPut(tx, reminder)),
        dropped: dropped.map((offset) => reminderDelete(tx, callId, offset)),
        auditEntry: auditWrite(tx, audit),
      }));
    } catch (error) {
      if (error instanceof ConditionsFailed && error.rejected('call')) throw new StaleCall();
      throw error;
    }
  },

  async delete(previous, audit) {
    try {
      await writeTogether((tx) => ({
        call: tx.fundingCall
          .delete({ callId: previous.callId })
          .where((attribute, { eq }) => eq(attribute.version, previous.version))
          .commit(),
        reminders: previous.offsets.map((offset) => reminderDelete(tx, previous.callId, offset)),
        auditEntry: auditWrite(tx, audit),
      }));
    } catch (error) {
      if (error instanceof ConditionsFailed && error.rejected('call')) throw new StaleCall();
      throw error;
    }
  },

  /** Access pattern `byDeadline`: open calls from now on, nearest first; closed ones before now, latest first. */
  async list({ status, now, limit, cursor }) {
    const at = { deadlineAt: now.toISOString() };
    const query = status === 'open' ? calls.query.byDeadline({}).gte(at) : calls.query.byDeadline({}).lt(at);
    const page = await query.go({ ...tolerant, limit, cursor: cursorFor(cursor, query), order: status === 'open' ? 'asc' : 'desc' });
    return { items: await visible(page.data.map(toCall)), ...(page.cursor ? { nextCursor: page.cursor } : {}) };
  },

  /** One query of the call's partition: the counts each day's run left. */
  async sentPerOffset(call) {
    const { data } = await sentCounts.query.byRunDate({ callId: call.callId }).go({ consistent: true, pages: 'all' });
    const totals: Record<string, number> = Object.fromEntries(call.offsets.map((offset) => [String(offset), 0]));
    for (const day of data) for (const [offset, count] of Object.entries(day.perOffset as Record<string, number>)) totals[offset] = (totals[offset] ?? 0) + count;
    return totals;
  },
};

/** A transaction holds at most 100 writes. */
const writesPerTransaction = 100;

function batchesOf(entries: Array<{ call: FundingCall; reminders: DueReminder[] }>): Array<typeof entries> {
  const batches: Array<typeof entries> = [];
  let writes = writesPerTransaction;
  for (const entry of entries) {
    const size = 1 + entry.reminders.length;
    if (writes + size > writesPerTransaction) {
      batches.push([]);
      writes = 0;
    }
    batches.at(-1)!.push(entry);
    writes += size;
  }
  return batches;
}

export const callImportRepository: CallImportStore = {
  async findImport(importId) {
    const { data } = await imports.get({ importId }).go({ consistent: true });
    return data ? (data as CallImport) : undefined;
  },

  async createAll(entries, audit) {
    try {
      await writeTogether((tx) => ({
        calls: entries.map(({ call }) => tx.fundingCall.create(call).commit()),
        reminders: entries.flatMap(({ reminders }) => reminders.map((reminder) => reminderPut(tx, reminder))),
        auditEntry: auditWrite(tx, audit),
      }));
    } catch (error) {
      if (error instanceof ConditionsFailed && error.rejected('calls')) throw new CallsExist();
      throw error;
    }
  },

  async importStaged(callImport, entries, audit) {
    try {
      await imports.create(callImport).go();
    } catch (error) {
      // A retry of the same import: its calls are rewritten below with the same ids, then committed.
      if (!isConditionFailure(error)) throw error;
    }
    for (const batch of batchesOf(entries)) {
      await writeTogether((tx) => ({
        calls: batch.map(({ call }) => tx.fundingCall.put(call).commit()),
        reminders: batch.flatMap(({ reminders }) => reminders.map((reminder) => reminderPut(tx, reminder))),
      }));
    }
    try {
      await writeTogether((tx) => ({
        import: tx.grantImport
          .patch({ importId: callImport.importId })
          .set({ status: 'COMMITTED', committedAt: audit.at })
          .where((attribute, { eq }) => eq(attribute.status, 'PENDING'))
          .commit(),
        auditEntry: auditWrite(tx, audit),
      }));
    } catch (error) {
      // A concurrent retry committed it first: the same calls are visible either way.
      if (!(error instanceof ConditionsFailed && error.rejected('import'))) throw error;
    }
  },
};

export const dueReminderRepository: DueReminderIndex = {
  /** Access pattern `byDueDate`: everything before the day after `date` (the index holds only what no run covered). */
  async dueBy(date) {
    const { data } = await dueReminders.query.byDueDate({}).lt({ dueDate: addWarsawDays(date, 1) }).go({ ...tolerant, pages: 'all' });
    return visible(data.map(({ callId, offset, dueDate, importId }) => ({ callId, offset, dueDate, ...(importId ? { importId } : {}) })));
  },

  async covered(reminders) {
    await Promise.all(
      reminders.map(async ({ callId, offset, dueDate }) => {
        try {
          await dueReminders
            .delete({ callId, offset })
            .where((attribute, { eq }) => eq(attribute.dueDate, dueDate))
            .go();
        } catch (error) {
          // Rescheduled meanwhile (another due date): the new reminder stays.
          if (!isConditionFailure(error)) throw error;
        }
      }),
    );
  },
};

/** What a day's run sent per call and offset, kept in the call's partition (a put: the end of a run retried writes the same). */
export const grantSentCountRepository = {
  async record(callId: string, runDate: string, perOffset: Record<string, number>): Promise<void> {
    await sentCounts.put({ callId, runDate, perOffset }).go();
  },
};
