import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type ShardIteratorType,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { streamConsumers, type FunctionDeclaration, type StreamTrigger } from '../manifest-types.js';
import { compilePattern } from './event-pattern.js';
import { localDynamoClient } from './local-stack.js';
import { invokeFunction } from './load-handler.js';
import { sharedShardReads, type ShardPage } from './shared-shard-reads.js';
import { onTableWrites } from './table-writes.js';

/** Where one consumer has got to in one shard: the last sequence number it is done with, and whether the shard is read to its end. */
export interface ShardPosition {
  after?: string;
  ended?: boolean;
}

export interface CheckpointData {
  /** The stream the positions belong to; a recreated table has a new stream, read from its start. */
  streamArn?: string;
  /** consumer (`function#trigger index`) → shard id → position */
  consumers: Record<string, Record<string, ShardPosition>>;
}

/** Where the event source mappings keep their positions: `.local/` for a kept database, memory for `--in-memory`. */
export interface CheckpointStore {
  load(): CheckpointData;
  save(data: CheckpointData): void;
}

export function memoryCheckpoints(): CheckpointStore {
  let saved: CheckpointData = { consumers: {} };
  return {
    load: () => structuredClone(saved),
    save: (data) => {
      saved = structuredClone(data);
    },
  };
}

export function fileCheckpoints(path: string): CheckpointStore {
  return {
    load() {
      try {
        const data = JSON.parse(readFileSync(path, 'utf8')) as CheckpointData;
        return { streamArn: data.streamArn, consumers: data.consumers ?? {} };
      } catch {
        return { consumers: {} };
      }
    },
    save(data) {
      // Written whole and renamed, so a crash never leaves half a file.
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(`${path}.tmp`, JSON.stringify(data, null, 2));
      renameSync(`${path}.tmp`, path);
    },
  };
}

/** The stream API's record → the record Lambda hands a function (epoch seconds, source ARN). */
function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const { ApproximateCreationDateTime, ...rest } = record.dynamodb ?? {};
  return {
    ...(record as DynamoDBRecord),
    eventSourceARN: streamArn,
    dynamodb: {
      ...(rest as DynamoDBRecord['dynamodb']),
      ...(ApproximateCreationDateTime ? { ApproximateCreationDateTime: Math.floor(new Date(ApproximateCreationDateTime).getTime() / 1000) } : {}),
    },
  };
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}

/** A page a consumer read on its own: with the iterator after it, which it keeps once the page is done. */
type OwnPage = ShardPage & { next?: string };

/** Records asked for per GetRecords (the API's most). */
const pageLimit = 1000;
const sequenceOf = (record: DynamoDBRecord) => record.dynamodb?.SequenceNumber ?? '';
const errorName = (error: unknown) => (error as { name?: string } | undefined)?.name ?? '';

/** What one invocation said about its batch: all done, done up to `failedAt` (partial batch response), or failed as a whole. */
type Outcome = { kind: 'ok' } | { kind: 'partial'; failedAt: number; failed: number } | { kind: 'error'; reason: string };

function outcomeOf(result: unknown, batch: DynamoDBRecord[], reportBatchItemFailures: boolean): Outcome {
  if (!reportBatchItemFailures) return { kind: 'ok' };
  const failures = (result as { batchItemFailures?: unknown } | null | undefined)?.batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'ok' };
  if (!Array.isArray(failures)) return { kind: 'error', reason: 'batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'ok' };
  const indexes = failures.map((failure: { itemIdentifier?: unknown } | null) => {
    const id = failure?.itemIdentifier;
    return typeof id === 'string' && id !== '' ? batch.findIndex((record) => sequenceOf(record) === id) : -1;
  });
  // Lambda treats an identifier that is not in the batch as a failure of the whole batch.
  if (indexes.includes(-1)) return { kind: 'error', reason: 'batchItemFailures names a record that is not in the batch' };
  return { kind: 'partial', failedAt: Math.min(...indexes), failed: indexes.length };
}

/** Resolves after `ms`, when `signal` aborts, or when the `wakeUp` handed to `onWakeUp` is called, whichever comes first. */
function sleep(ms: number, signal: AbortSignal, onWakeUp?: (wakeUp: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    onWakeUp?.(done);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  log: (line: string) => void;
  /**
   * The shortest time between two polls of a consumer (Lambda polls a shard
   * about four times a second), except right after a full page: a consumer
   * that is not interested in what is being written reads it in pages, not
   * record by record, whatever this process writes.
   */
  intervalMs?: number;
  /**
   * The longest an idle consumer waits before it polls again. A DynamoDB write
   * made by this process wakes it at once (table-writes.ts), so this only
   * bounds how late writes from other processes (npm run invoke, seed) are seen.
   */
  idleIntervalMs?: number;
  /** Where positions are kept between runs (default: memory, gone with the process). */
  checkpoints?: CheckpointStore;
  /** The first retry's delay; each next retry waits twice as long (at most 10 s). */
  retryDelayMs?: number;
  /** Called with records given up after the last retry (in AWS: the on-failure destination). */
  onDiscard?: (consumer: string, records: DynamoDBRecord[]) => void;
}

/**
 * Reads DynamoDB Local's stream the way Lambda's event source mapping reads
 * the real one, from the manifest's settings: a new consumer starts at its
 * `startingPosition` (TRIM_HORIZON: the oldest record kept) and keeps a
 * checkpoint per shard, so a restart resumes where it stopped — nothing
 * replayed, nothing skipped. Records are filtered with the manifest's
 * pattern and handed over in order, in batches of `batchSize`, parent
 * shards before their children. A failed batch is split in two
 * (`bisectBatchOnError`, not counted as a retry) until the bad record is
 * alone, then retried with backoff up to `retryAttempts` times and given up;
 * a partial batch response (`batchItemFailures`) marks everything before the
 * first failed record done and retries from there. The shard waits
 * meanwhile, as it does in AWS, so a consumer bug shows up here instead of
 * being hidden by the sweep. Unlike AWS, the consumers read each shard once
 * between them (shared-shard-reads.ts): on DynamoDB Local every GetRecords
 * costs this machine's CPU.
 */
export async function startStreamPoller(manifest: readonly FunctionDeclaration[], options: StreamPollerOptions) {
  const consumers = streamConsumers(manifest);
  const dynamo = localDynamoClient(options.endpoint);
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const described = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName })).finally(() => dynamo.destroy());
  const streamArn = described.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream`);

  const store = options.checkpoints ?? memoryCheckpoints();
  const loaded = store.load();
  if (loaded.streamArn && loaded.streamArn !== streamArn) {
    options.log('stream checkpoints belong to an earlier table; reading the new stream from its start');
  }
  const state: CheckpointData = loaded.streamArn === streamArn ? loaded : { streamArn, consumers: {} };
  const persist = () => {
    try {
      store.save(state);
    } catch (error) {
      options.log(`stream checkpoint not saved: ${(error as Error).message}`);
    }
  };

  const controller = new AbortController();
  const { signal } = controller;
  let stopped = false;
  let shards: Shard[] = [];
  let lastShardRefresh = 0;
  let refreshing: Promise<void> | undefined;

  function refreshShards(): Promise<void> {
    refreshing ??= (async () => {
      const found: Shard[] = [];
      let start: string | undefined;
      do {
        const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }), { abortSignal: signal });
        found.push(...(StreamDescription?.Shards ?? []));
        start = StreamDescription?.LastEvaluatedShardId;
      } while (start);
      shards = found;
      lastShardRefresh = Date.now();
    })().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  const readFrom = async (iterator: string) => {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: pageLimit }), { abortSignal: signal });
    const records = page.Records ?? [];
    return { records: records.map((record) => toLambdaRecord(record, streamArn)), next: page.NextShardIterator, full: records.length >= pageLimit };
  };
  const consumerNames = consumers.map(({ fn, index }) => `${fn.name}#${index}`);
  const shared = sharedShardReads(readFrom, (shardId) => consumerNames.map((name) => state.consumers[name]?.[shardId]?.after));

  await refreshShards();
  const shardsAtStart = new Set(shards.map((shard) => shard.ShardId));

  function runConsumer({ fn, trigger, index }: { fn: FunctionDeclaration; trigger: StreamTrigger; index: number }) {
    const name = `${fn.name}#${index}`;
    const positions = (state.consumers[name] ??= {});
    const matches = compilePattern(trigger.filter);
    const iterators = new Map<string, string>();
    const retryLimit = trigger.retryAttempts < 0 ? Number.POSITIVE_INFINITY : trigger.retryAttempts;
    const say = (line: string) => options.log(`stream → ${fn.name}: ${line}`);

    const advance = (shardId: string, record: DynamoDBRecord) => {
      positions[shardId] = { after: sequenceOf(record) };
      persist();
    };

    async function invoke(batch: DynamoDBRecord[]): Promise<Outcome> {
      const event: DynamoDBStreamEvent = { Records: batch };
      try {
        return outcomeOf(await invokeFunction(fn, event), batch, trigger.reportBatchItemFailures);
      } catch (error) {
        return { kind: 'error', reason: (error as Error).message };
      }
    }

    /** Delivers one batch until every record is done or given up; false when stopped first (nothing past the done records is checkpointed). */
    async function deliver(shardId: string, records: DynamoDBRecord[]): Promise<boolean> {
      const pending = [{ batch: records, retries: 0 }];
      while (pending.length > 0) {
        if (stopped) return false;
        const { batch, retries } = pending.shift()!;
        const outcome = await invoke(batch);
        if (outcome.kind === 'ok') {
          say(`${batch.length} record(s)`);
          advance(shardId, batch.at(-1)!);
          continue;
        }
        let remaining = batch;
        if (outcome.kind === 'partial') {
          if (outcome.failedAt > 0) advance(shardId, batch[outcome.failedAt - 1]!);
          remaining = batch.slice(outcome.failedAt);
          say(`${batch.length} record(s), ${outcome.failed} failed (batchItemFailures); retrying from the first failed record`);
        } else if (trigger.bisectBatchOnError && batch.length > 1) {
          const half = Math.ceil(batch.length / 2);
          say(`${batch.length} record(s) failed (${outcome.reason}); splitting the batch into ${half} + ${batch.length - half}`);
          pending.unshift({ batch: batch.slice(0, half), retries }, { batch: batch.slice(half), retries });
          continue;
        } else {
          say(`${batch.length} record(s) failed (${outcome.reason})`);
        }
        if (retries >= retryLimit) {
          say(
            `gave up on ${remaining.length} record(s) (sequence ${sequenceOf(remaining[0]!)}…${sequenceOf(remaining.at(-1)!)}) after ${retries} retries; in AWS they go to the on-failure queue`,
          );
          options.onDiscard?.(name, remaining);
          advance(shardId, remaining.at(-1)!);
          continue;
        }
        await sleep(Math.min(10_000, (options.retryDelayMs ?? 500) * 2 ** retries), signal);
        pending.unshift({ batch: remaining, retries: retries + 1 });
      }
      return true;
    }

    async function openIterator(shard: Shard): Promise<string | undefined> {
      const shardId = shard.ShardId!;
      const after = positions[shardId]?.after;
      const open = async (type: ShardIteratorType, sequence?: string) =>
        (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: sequence }), { abortSignal: signal }))
          .ShardIterator;
      if (after) {
        try {
          return await open('AFTER_SEQUENCE_NUMBER', after);
        } catch (error) {
          if (errorName(error) !== 'TrimmedDataAccessException') throw error;
          say(`the records after ${after} have been trimmed from the stream; reading from the oldest record kept`);
          return open('TRIM_HORIZON');
        }
      }
      // LATEST applies to the shards there when the mapping is created; shards that appear later are read whole.
      return open(trigger.startingPosition === 'LATEST' && shardsAtStart.has(shardId) ? 'LATEST' : 'TRIM_HORIZON');
    }

    /** One GetRecords on one shard and the delivery of what it returned; true when it returned records. */
    async function readShard(shard: Shard): Promise<boolean> {
      const shardId = shard.ShardId!;
      const after = positions[shardId]?.after;
      const fromWindow = await shared.readAfter(shardId, after, pageLimit);
      // Read from the window, this consumer's own iterator falls behind: were the window dropped, it reopens from its position.
      if (fromWindow) iterators.delete(shardId);
      const page: OwnPage = fromWindow ?? (await readOwn(shard, after));
      if (page.more) fullPage = true;
      // Each consumer gets records of its own, as each event source mapping does: the window's are shared.
      for (const batch of chunk(page.records.filter(matches).map((record) => structuredClone(record)), trigger.batchSize)) {
        // Stopped halfway: the next run goes on after the last record done.
        if (!(await deliver(shardId, batch))) return true;
      }
      if (page.records.length > 0) advance(shardId, page.records.at(-1)!);
      // This consumer's own iterator moves on only once the page is done: a failure above reopens after the last record done.
      if (!fromWindow && page.next) iterators.set(shardId, page.next);
      if (page.ended) {
        positions[shardId] = { ...positions[shardId], ended: true };
        persist();
      }
      return page.records.length > 0;
    }

    /** A GetRecords of this consumer's own, where its position is not in the shard's shared window (an empty, ended page when there is no iterator left). */
    async function readOwn(shard: Shard, after: string | undefined): Promise<OwnPage> {
      const shardId = shard.ShardId!;
      const iterator = iterators.get(shardId) ?? (await openIterator(shard));
      iterators.delete(shardId);
      if (!iterator) return { records: [], more: false, ended: true };
      const read = await readFrom(iterator);
      shared.adopt(shardId, after, read);
      return { records: read.records, more: read.full, ended: !read.next, ...(read.next ? { next: read.next } : {}) };
    }

    /** Shards not read to their end whose parent (if still listed) is; a child waits for its parent, as in AWS. */
    function readyShards(): Shard[] {
      const listed = new Set(shards.map((shard) => shard.ShardId));
      return shards.filter(
        (shard) =>
          shard.ShardId &&
          !positions[shard.ShardId]?.ended &&
          (!shard.ParentShardId || !listed.has(shard.ParentShardId) || positions[shard.ParentShardId]?.ended),
      );
    }

    // Set by a write in this process; cleared when a poll starts, so a write during a poll brings another one.
    let written = false;
    // Set when a shard handed over as many records as asked for: more are waiting, so the next poll does not wait.
    let fullPage = false;
    let wakeUp: (() => void) | undefined;

    /** After a poll that found nothing: the shortest pause, then on until a write is seen here or the idle interval is up. */
    async function waitForWork() {
      const shortest = options.intervalMs ?? 250;
      await sleep(shortest, signal);
      if (written || stopped) return;
      await sleep(Math.max(0, (options.idleIntervalMs ?? 1000) - shortest), signal, (wake) => (wakeUp = wake));
      wakeUp = undefined;
    }

    async function pollUntilStopped() {
      while (!stopped) {
        const pollStartedAt = Date.now();
        written = false;
        fullPage = false;
        let busy = false;
        try {
          if (Date.now() - lastShardRefresh > 2000) await refreshShards();
          for (const shard of readyShards()) {
            if (stopped) break;
            if (await readShard(shard)) busy = true;
          }
        } catch (error) {
          if (!stopped) options.log(`stream poll failed: ${(error as Error).message}`);
        }
        if (!busy) await waitForWork();
        else if (!fullPage) await sleep(Math.max(0, pollStartedAt + (options.intervalMs ?? 250) - Date.now()), signal);
      }
    }

    return (async () => {
      const stopWatchingWrites = onTableWrites(() => {
        written = true;
        wakeUp?.();
      });
      try {
        await pollUntilStopped();
      } finally {
        stopWatchingWrites();
      }
    })();
  }

  // Each consumer watches this process's writes while it runs, so a start that failed above leaves no listener behind.
  const loops = consumers.map(runConsumer);

  return {
    async stop() {
      stopped = true;
      controller.abort();
      await Promise.all(loops);
      streams.destroy();
    },
  };
}
