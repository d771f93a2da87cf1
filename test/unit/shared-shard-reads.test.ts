import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { sharedShardReads, type ReadFromIterator } from '../../infra/local/shared-shard-reads.js';

const record = (sequence: number): DynamoDBRecord => ({ eventName: 'INSERT', dynamodb: { SequenceNumber: String(sequence).padStart(6, '0') } });
const sequences = (records: DynamoDBRecord[]) => records.map((one) => Number(one.dynamodb!.SequenceNumber));
const at = (sequence: number) => String(sequence).padStart(6, '0');

/** A shard of `written` records; an iterator is the sequence number to read from. Counts the reads. */
function fakeShard(options: { pageSize?: number; closedAt?: number } = {}) {
  const shard = { written: 0, reads: 0, fail: false };
  const read: ReadFromIterator = async (iterator) => {
    shard.reads += 1;
    if (shard.fail) throw Object.assign(new Error('iterator expired'), { name: 'ExpiredIteratorException' });
    const from = Number(iterator);
    const to = Math.min(shard.written, from + (options.pageSize ?? 1000) - 1);
    const records = Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => record(from + index));
    const closed = options.closedAt !== undefined && to >= options.closedAt;
    return { records, full: records.length === (options.pageSize ?? 1000), ...(closed ? {} : { next: String(to + 1) }) };
  };
  return { shard, read };
}

/** A shard of `written` records whose window opens with a consumer's own read from `from` (after `after`), as the poller's first read of a shard does. */
async function windowOver(written: number, positions: () => Array<string | undefined>, options: Parameters<typeof fakeShard>[0] & { from?: string; after?: string } = {}) {
  const { shard, read } = fakeShard(options);
  const reads = sharedShardReads(read, positions);
  shard.written = written;
  reads.adopt('s1', options.after, await read(options.from ?? '1'));
  return { shard, reads };
}

describe('shared shard reads (the local poller)', () => {
  it('serves every consumer whose position is in the window from one read of the stream', async () => {
    const { shard, read } = fakeShard();
    const positions: Record<string, string | undefined> = { a: undefined, b: undefined, c: undefined };
    const reads = sharedShardReads(read, () => Object.values(positions));
    shard.written = 5;
    // The first consumer reads on its own (no window yet) and the window starts with what it read.
    const own = await read('1');
    reads.adopt('s1', undefined, own);
    positions.a = at(5);
    // A consumer without a position is not served from the window: it may have opened at LATEST, the window at TRIM_HORIZON.
    expect(await reads.readAfter('s1', undefined, 1000)).toBeUndefined();
    positions.b = at(2);
    const b = await reads.readAfter('s1', at(2), 1000);
    expect(sequences(b!.records)).toEqual([3, 4, 5]);
    positions.b = at(5);

    shard.written = 9;
    const readsBefore = shard.reads;
    const [a, again] = await Promise.all([reads.readAfter('s1', at(5), 1000), reads.readAfter('s1', at(5), 1000)]);
    expect(sequences(a!.records)).toEqual([6, 7, 8, 9]);
    expect(sequences(again!.records)).toEqual([6, 7, 8, 9]);
    // Two consumers at the end of the window: one GetRecords between them.
    expect(shard.reads - readsBefore).toBe(1);
  });

  it('hands out at most the page asked for and says more is waiting', async () => {
    const { reads } = await windowOver(10, () => [at(1)]);
    const page = await reads.readAfter('s1', at(1), 4);
    expect(sequences(page!.records)).toEqual([2, 3, 4, 5]);
    expect(page!.more).toBe(true);
    expect((await reads.readAfter('s1', at(5), 100))!.more).toBe(false);
  });

  it('drops what every consumer is past but keeps each one’s last record, so positions are still found', async () => {
    const positions = { a: at(3), b: at(6) };
    const { reads } = await windowOver(8, () => Object.values(positions));
    await reads.readAfter('s1', positions.a, 1000);
    // Records 1 and 2 are gone (a is at 3); a and b are still served from the window.
    expect(sequences((await reads.readAfter('s1', positions.a, 1000))!.records)).toEqual([4, 5, 6, 7, 8]);
    expect(sequences((await reads.readAfter('s1', positions.b, 1000))!.records)).toEqual([7, 8]);
    expect(await reads.readAfter('s1', at(1), 1000)).toBeUndefined();
  });

  it('a consumer whose position is outside the window reads on its own; a failed shared read drops the window', async () => {
    const { shard, reads } = await windowOver(4, () => [at(4)], { from: '3', after: at(2) });
    // Starting after 2 is where the window starts (a checkpoint shared by the consumers after a restart).
    expect(sequences((await reads.readAfter('s1', at(2), 1000))!.records)).toEqual([3, 4]);
    expect(await reads.readAfter('s1', at(1), 1000)).toBeUndefined();

    shard.written = 6;
    shard.fail = true;
    expect(await reads.readAfter('s1', at(4), 1000)).toBeUndefined();
    shard.fail = false;
    expect(await reads.readAfter('s1', at(4), 1000)).toBeUndefined();
  });

  it('says more is waiting after a shared read that came back full, so the consumer does not wait to read on', async () => {
    const { reads } = await windowOver(10, () => [at(3)], { pageSize: 3 });
    const full = await reads.readAfter('s1', at(3), 1000);
    expect(sequences(full!.records)).toEqual([4, 5, 6]);
    expect(full!.more).toBe(true);
    expect(sequences((await reads.readAfter('s1', at(6), 1000))!.records)).toEqual([7, 8, 9]);
    const last = await reads.readAfter('s1', at(9), 1000);
    expect(sequences(last!.records)).toEqual([10]);
    expect(last!.more).toBe(false);
  });

  it('says when a closed shard is read to its end', async () => {
    const { reads } = await windowOver(3, () => [at(1)], { closedAt: 3 });
    const page = await reads.readAfter('s1', at(1), 1);
    expect(page!.ended).toBe(false);
    const last = await reads.readAfter('s1', at(2), 10);
    expect(sequences(last!.records)).toEqual([3]);
    expect(last!.ended).toBe(true);
  });
});
