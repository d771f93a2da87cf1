import type { EntityItem } from 'electrodb';
import { FanOutRunMoved, MarkersTaken, type FanOutRun, type FanOutStore, type FanOutUnit } from '../../domain/fanout/fan-out.js';
import { batchGetAll } from './batch-get.js';
import { outboxPut } from './outbox-repository.js';
import { glokal } from './service.js';
import { ConditionsFailed, isConditionFailure, writeTogether, type TransactionEntities } from './transaction.js';

const { fanOutRun: runs, fanOutMarker: markers, outboxMessage } = glokal.entities;

/** DynamoDB takes at most 100 writes per transaction; one is kept for the run's advance. */
const writesPerTransaction = 99;

const toRun = (item: EntityItem<typeof runs>): FanOutRun => item as FanOutRun;

/** A run's creation, for a use case that starts a run in the transaction of its own change (e.g. cancelling an event). */
export const fanOutRunCreate = (tx: TransactionEntities, run: FanOutRun) => tx.fanOutRun.create(run).commit();

/** The run's move to its next step, only from the step read (a page cannot be advanced past twice). */
function runAdvance(tx: TransactionEntities, from: FanOutRun, to: FanOutRun) {
  const { scope, runId, cursor, ...changes } = to;
  const update = tx.fanOutRun.patch({ scope, runId }).set(cursor !== undefined ? { ...changes, cursor } : changes);
  return (cursor === undefined && from.cursor !== undefined ? update.remove(['cursor']) : update)
    .where((attribute, { eq }) => `${eq(attribute.step, from.step)} AND ${eq(attribute.status, 'RUNNING')}`)
    .commit();
}

/** Units in transactions of at most `writesPerTransaction` writes (an email and its markers stay together). */
function transactionsOf(units: readonly FanOutUnit[]): FanOutUnit[][] {
  const groups: FanOutUnit[][] = [];
  let writes = writesPerTransaction;
  for (const unit of units) {
    const size = 1 + (unit.markers?.length ?? 0);
    if (writes + size > writesPerTransaction) {
      groups.push([]);
      writes = 0;
    }
    groups.at(-1)!.push(unit);
    writes += size;
  }
  return groups;
}

async function queuedAlready(messageIds: readonly string[]): Promise<Set<string>> {
  if (messageIds.length === 0) return new Set();
  const { data } = await outboxMessage.get(messageIds.map((messageId) => ({ messageId }))).go({ consistent: true, attributes: ['messageId'], preserveBatchOrder: false });
  return new Set(data.map((item) => item.messageId));
}

export const fanOutRepository: FanOutStore = {
  async start(run) {
    try {
      await runs.create(run).go();
      return 'started';
    } catch (error) {
      if (isConditionFailure(error)) return 'exists';
      throw error;
    }
  },

  async get(scope, runId) {
    const { data } = await runs.get({ scope, runId }).go({ consistent: true });
    return data ? toRun(data) : undefined;
  },

  async list(scope) {
    const { data } = await runs.query.byScope({ scope }).go({ consistent: true, pages: 'all' });
    return data.map(toRun).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  },

  async existingMarkers(keys) {
    if (keys.length === 0) return new Set();
    // Every key read (none left unprocessed): a marker taken for absent would send its reminder again.
    const found = await batchGetAll(
      [...new Set(keys)].map((key) => ({ key })),
      (batch) => markers.get(batch).go({ consistent: true, attributes: ['key'], preserveBatchOrder: false }),
    );
    return new Set(found.map((item) => item.key));
  },

  async queue(units, advance) {
    const now = advance.at;
    for (;;) {
      const existing = await queuedAlready(units.map(({ message }) => message.messageId));
      const fresh = units.filter(({ message }) => !existing.has(message.messageId));
      const result = { queued: fresh.length, alreadyQueued: units.length - fresh.length };
      const groups = transactionsOf(fresh);
      try {
        for (const [index, group] of (groups.length > 0 ? groups : [[]]).entries()) {
          const last = index === Math.max(groups.length, 1) - 1;
          await writeTogether((tx) => ({
            messages: group.map(({ message }) => outboxPut(tx, message, now)),
            markers: group.flatMap(({ markers: keys }) =>
              (keys ?? []).map((key) => tx.fanOutMarker.create({ key, scope: advance.from.scope, runId: advance.from.runId, createdAt: now.toISOString() }).commit()),
            ),
            run: last ? runAdvance(tx, advance.from, advance.to(result)) : undefined,
          }));
        }
        return result;
      } catch (error) {
        if (!(error instanceof ConditionsFailed)) throw error;
        if (error.rejected('run')) throw new FanOutRunMoved();
        if (error.rejected('markers')) throw new MarkersTaken();
        // An overlapping step queued some of these a moment ago: read again and write only the rest.
      }
    }
  },
};
