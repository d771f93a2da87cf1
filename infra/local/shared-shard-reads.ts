import type { DynamoDBRecord } from 'aws-lambda';

/** What a read hands a consumer: the records after its position, whether more are already waiting, and whether the shard has ended. */
export interface ShardPage {
  records: DynamoDBRecord[];
  more: boolean;
  ended: boolean;
}

/** One GetRecords from an iterator: the records, and the iterator after them (none once the shard is closed and read). */
export type ReadFromIterator = (iterator: string) => Promise<{ records: DynamoDBRecord[]; next?: string; full: boolean }>;

/** The records of one shard read lately, in order, and the iterator that continues after the last of them. */
interface Window {
  /** The position the first read started after (undefined: the shard's start or end, as the reader opened it). */
  startsAfter: string | undefined;
  records: DynamoDBRecord[];
  /** Sequence number → index in `records` + `dropped`. */
  index: Map<string, number>;
  dropped: number;
  next: string | undefined;
  /** The last read handed back as many records as asked for: more are waiting in the stream. */
  lastReadFull: boolean;
  reading?: Promise<void>;
}

/** A window beyond this many records is dropped: a consumer that far behind reads on its own, as before. */
const windowLimit = 50_000;

const sequenceOf = (record: DynamoDBRecord) => record.dynamodb?.SequenceNumber ?? '';

/**
 * The stream consumers of one local poller read each shard once between
 * them, not once each: Lambda's event source mappings each read the stream
 * themselves, but on DynamoDB Local every GetRecords of every consumer costs
 * the one machine's CPU, and most records are not for most consumers. The
 * first consumer's read of a shard opens a window of recent records; a
 * consumer whose position (the last record it is done with) lies in the
 * window is served from it, and when it has read the whole window, the
 * window reads on with one GetRecords for everyone. A consumer whose
 * position is not in the window (a checkpoint further back, a window dropped
 * after an error) reads on its own until it reaches it. Records every
 * consumer in the window is past leave it.
 */
export function sharedShardReads(read: ReadFromIterator, positionsOf: (shardId: string) => Array<string | undefined>) {
  const windows = new Map<string, Window>();

  /** Index in the window's records of the first record after `after`, or undefined when that position is not in the window. */
  function startOf(window: Window, after: string | undefined): number | undefined {
    if (after !== undefined && window.index.has(after)) return window.index.get(after)! - window.dropped + 1;
    // A consumer without a position (opened at LATEST or TRIM_HORIZON) reads on its own: the window may have opened the other way.
    if (after !== undefined && after === window.startsAfter && window.dropped === 0) return 0;
    return undefined;
  }

  function append(window: Window, records: DynamoDBRecord[], next: string | undefined) {
    for (const record of records) {
      window.index.set(sequenceOf(record), window.dropped + window.records.length);
      window.records.push(record);
    }
    window.next = next;
  }

  /** Drops the records before every consumer's position in the window. */
  function trim(shardId: string, window: Window) {
    const starts = positionsOf(shardId)
      .map((after) => startOf(window, after))
      .filter((start): start is number => start !== undefined);
    // Each consumer's own last record stays: it is how the window finds the consumer's position next time.
    const done = starts.length > 0 ? Math.min(...starts) - 1 : 0;
    if (done <= 0) return;
    for (const record of window.records.slice(0, done)) window.index.delete(sequenceOf(record));
    window.records.splice(0, done);
    window.dropped += done;
  }

  /** One shared GetRecords at a time per shard; readers that arrive meanwhile wait for it. */
  function readOn(shardId: string, window: Window): Promise<void> {
    window.reading ??= (async () => {
      try {
        const { records, next, full } = await read(window.next!);
        append(window, records, next);
        window.lastReadFull = full;
        if (window.records.length > windowLimit) windows.delete(shardId);
      } catch (error) {
        // An iterator that expired or was trimmed: the window goes, each consumer reopens from its own position.
        windows.delete(shardId);
        throw error;
      } finally {
        window.reading = undefined;
      }
    })();
    return window.reading;
  }

  return {
    /** The records after `after` from the window (reading on for everyone if it is used up), or undefined when the position is not in it. */
    async readAfter(shardId: string, after: string | undefined, limit: number): Promise<ShardPage | undefined> {
      const window = windows.get(shardId);
      if (!window) return undefined;
      let start = startOf(window, after);
      if (start === undefined) return undefined;
      if (start >= window.records.length && window.next !== undefined) {
        await readOn(shardId, window).catch(() => undefined);
        if (windows.get(shardId) !== window) return undefined;
        start = startOf(window, after)!;
      }
      const records = window.records.slice(start, start + limit);
      const atEnd = start + records.length >= window.records.length;
      // More is waiting in the window, or in the stream behind a full read.
      const page = { records, more: !atEnd || window.lastReadFull, ended: window.next === undefined && atEnd };
      trim(shardId, window);
      return page;
    },

    /** A consumer's own read, from `after`: the shard's window starts with it where there is none. */
    adopt(shardId: string, after: string | undefined, page: { records: DynamoDBRecord[]; next?: string; full: boolean }) {
      const { records, next } = page;
      if (windows.has(shardId) || records.length === 0) return;
      const window: Window = { startsAfter: after, records: [], index: new Map(), dropped: 0, next: undefined, lastReadFull: page.full };
      append(window, records, next);
      windows.set(shardId, window);
    },
  };
}
