import { randomUUID } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { localDynamoClient } from '../../infra/local/local-stack.js';
import { fileCheckpoints, memoryCheckpoints, startStreamPoller, type CheckpointStore } from '../../infra/local/stream-poller.js';
import type { FunctionDeclaration, StreamTrigger } from '../../infra/manifest-types.js';
import type { StreamBatchLog } from '../support/fixtures/record-stream-batch.js';

const dynamo = localDynamoClient(process.env.DYNAMODB_ENDPOINT!);
const tmp = mkdtempSync(join(tmpdir(), 'glokal-stream-'));
const running: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  for (const poller of running.splice(0)) await poller.stop();
});
afterAll(() => {
  dynamo.destroy();
  rmSync(tmp, { recursive: true, force: true });
});

const batches = () => (globalThis as { streamBatches?: StreamBatchLog }).streamBatches ?? { calls: {}, processed: {} };
const calls = (run: string) => batches().calls[run] ?? [];
const processed = (run: string) => batches().processed[run] ?? [];

/** A consumer of this test's records only, with the event source mapping settings under test. */
function consumer(run: string, settings: Partial<StreamTrigger> = {}): FunctionDeclaration {
  return {
    name: 'record-stream-batch',
    entry: 'test/support/fixtures/record-stream-batch.ts',
    description: 'test fixture',
    table: 'none',
    sendsMail: false,
    triggers: [
      {
        kind: 'table-stream',
        filter: { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['STREAM-TEST'] }, run: { S: [run] } } } },
        batchSize: 10,
        startingPosition: 'TRIM_HORIZON',
        retryAttempts: 2,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        ...settings,
      },
    ],
  };
}

async function put(run: string, n: number, fail?: 'throw' | 'partial' | 'flaky') {
  await dynamo.send(
    new PutItemCommand({
      TableName: process.env.TABLE_NAME!,
      Item: { pk: { S: `STREAM#${run}#${n}` }, sk: { S: 'TEST' }, entity: { S: 'STREAM-TEST' }, run: { S: run }, n: { S: String(n) }, ...(fail ? { fail: { S: fail } } : {}) },
    }),
  );
}

async function startPoller(
  declaration: FunctionDeclaration | FunctionDeclaration[],
  options: { checkpoints?: CheckpointStore; lines?: string[]; discarded?: DynamoDBRecord[][]; idleIntervalMs?: number; intervalMs?: number } = {},
) {
  const poller = await startStreamPoller([declaration].flat(), {
    endpoint: process.env.DYNAMODB_ENDPOINT!,
    tableName: process.env.TABLE_NAME!,
    log: (line) => options.lines?.push(line),
    intervalMs: options.intervalMs ?? 50,
    idleIntervalMs: options.idleIntervalMs,
    retryDelayMs: 10,
    checkpoints: options.checkpoints,
    onDiscard: (_consumer, records) => options.discarded?.push(records),
  });
  running.push(poller);
  return poller;
}

/** A put this process's HTTP diagnostics do not see (fetch is not node:http): as a write by another process looks to the poller. */
async function putUnseen(run: string, n: number) {
  const response = await fetch(process.env.DYNAMODB_ENDPOINT!, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.PutItem',
      authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/eu-central-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: JSON.stringify({
      TableName: process.env.TABLE_NAME,
      Item: { pk: { S: `STREAM#${run}#${n}` }, sk: { S: 'TEST' }, entity: { S: 'STREAM-TEST' }, run: { S: run }, n: { S: String(n) } },
    }),
  });
  expect(response.status).toBe(200);
}

/** GetRecords requests this process sends while `during` runs. */
async function getRecordsDuring(during: () => Promise<void>): Promise<number> {
  let count = 0;
  const onStart = (message: unknown) => {
    if ((message as { request: ClientRequest }).request.getHeader('x-amz-target') === 'DynamoDBStreams_20120810.GetRecords') count += 1;
  };
  subscribe('http.client.request.start', onStart);
  try {
    await during();
  } finally {
    unsubscribe('http.client.request.start', onStart);
  }
  return count;
}

const numbersOf = (records: DynamoDBRecord[]) => records.map((record) => record.dynamodb?.NewImage?.n?.S);

describe('the local stream poller behaves like the event source mapping', () => {
  it.each([
    ['in .local/ (a kept database)', () => fileCheckpoints(join(tmp, `${randomUUID()}.json`))],
    ['in memory (--in-memory)', () => memoryCheckpoints()],
  ])('starts at TRIM_HORIZON, then resumes from its checkpoint %s after a restart: nothing replayed, nothing skipped', async (_where, makeStore) => {
    const run = randomUUID();
    const store = makeStore();
    await put(run, 1); // written before the poller ever ran: TRIM_HORIZON reads it
    const first = await startPoller(consumer(run), { checkpoints: store });
    await put(run, 2);
    await put(run, 3);
    await vi.waitFor(() => expect(processed(run)).toEqual(['1', '2', '3']), { timeout: 10_000, interval: 50 });
    await first.stop();

    await put(run, 4); // written while the stack is down
    await put(run, 5);
    await startPoller(consumer(run), { checkpoints: store });
    await vi.waitFor(() => expect(processed(run)).toContain('5'), { timeout: 10_000, interval: 50 });
    // The shard is read in order, so a replay of 1–3 would have come before 5.
    expect(processed(run)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('several consumers read the stream between them: each gets its own records in order, also after a restart', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    const consumers = [consumer(first), { ...consumer(second), name: 'record-stream-batch-2' }];
    const store = memoryCheckpoints();
    const poller = await startPoller(consumers, { checkpoints: store });
    for (let n = 1; n <= 12; n += 1) await put(n % 2 ? first : second, n);
    await vi.waitFor(() => expect([processed(first), processed(second)]).toEqual([['1', '3', '5', '7', '9', '11'], ['2', '4', '6', '8', '10', '12']]), { timeout: 10_000, interval: 50 });
    await poller.stop();
    for (let n = 13; n <= 16; n += 1) await put(n % 2 ? first : second, n);
    await startPoller(consumers, { checkpoints: store });
    await vi.waitFor(() => expect([processed(first).at(-1), processed(second).at(-1)]).toEqual(['15', '16']), { timeout: 10_000, interval: 50 });
    expect(processed(first)).toEqual(['1', '3', '5', '7', '9', '11', '13', '15']);
    expect(processed(second)).toEqual(['2', '4', '6', '8', '10', '12', '14', '16']);
  });

  it('a consumer polls a busy stream at most once per interval, not once per write', async () => {
    const run = randomUUID();
    await startPoller(consumer(run), { intervalMs: 400, idleIntervalMs: 400 });
    await vi.waitFor(async () => expect(await getRecordsDuring(() => new Promise((resolve) => setTimeout(resolve, 450)))).toBeLessThanOrEqual(1), { timeout: 10_000, interval: 0 });
    const polls = await getRecordsDuring(async () => {
      const started = Date.now();
      for (let n = 1; Date.now() - started < 1_600; n += 1) await put(run, n);
    });
    // 1.6 s at one poll per 400 ms is 4 or 5 polls (a write wakes an idle consumer at once); a poll whenever the last found records would be dozens.
    expect(polls).toBeLessThanOrEqual(6);
    await vi.waitFor(() => expect(processed(run).length).toBeGreaterThan(20), { timeout: 5_000, interval: 50 });
  });

  it('an idle consumer does not poll, and a write made in this process wakes it at once', async () => {
    const run = randomUUID();
    await startPoller(consumer(run), { idleIntervalMs: 60_000 });
    // Its first polls read what earlier tests wrote, then find nothing: wait until a quiet 300 ms shows it is idle.
    await vi.waitFor(async () => expect(await getRecordsDuring(() => new Promise((resolve) => setTimeout(resolve, 300)))).toBe(0), { timeout: 10_000, interval: 0 });
    expect(await getRecordsDuring(() => new Promise((resolve) => setTimeout(resolve, 1500)))).toBe(0);
    const started = Date.now();
    await put(run, 1);
    await vi.waitFor(() => expect(processed(run)).toEqual(['1']), { timeout: 5_000, interval: 10 });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a write this process did not make (another process: npm run invoke, seed) is read within the idle interval', async () => {
    const run = randomUUID();
    await startPoller(consumer(run), { idleIntervalMs: 400 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await putUnseen(run, 1);
    await vi.waitFor(() => expect(processed(run)).toEqual(['1']), { timeout: 5_000, interval: 20 });
  });

  it('keeps the checkpoint file in a shape a restart can read (stream and sequence per shard)', async () => {
    const run = randomUUID();
    const file = join(tmp, `${run}.json`);
    await put(run, 1);
    await startPoller(consumer(run), { checkpoints: fileCheckpoints(file) });
    await vi.waitFor(() => expect(processed(run)).toEqual(['1']), { timeout: 10_000, interval: 50 });
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.streamArn).toContain(process.env.TABLE_NAME);
    const shards = Object.values(saved.consumers['record-stream-batch#0'] as Record<string, { after?: string }>);
    expect(shards.some((position) => typeof position.after === 'string')).toBe(true);
  });

  it('splits a batch that fails until the bad record is alone, retries it, gives it up, and delivers the others once', async () => {
    const run = randomUUID();
    for (const n of [1, 2, 3, 4, 5, 6]) await put(run, n, n === 3 ? 'throw' : undefined);
    const lines: string[] = [];
    const discarded: DynamoDBRecord[][] = [];
    await startPoller(consumer(run, { retryAttempts: 2 }), { lines, discarded });
    await vi.waitFor(() => expect(processed(run)).toEqual(['1', '2', '4', '5', '6']), { timeout: 10_000, interval: 50 });
    expect(calls(run)).toEqual([
      ['1', '2', '3', '4', '5', '6'], // fails: split
      ['1', '2', '3'], // fails: split
      ['1', '2'],
      ['3'], // alone: first attempt and two retries
      ['3'],
      ['3'],
      ['4', '5', '6'],
    ]);
    expect(discarded.map(numbersOf)).toEqual([['3']]);
    expect(lines.join('\n')).toMatch(/gave up on 1 record\(s\) .* after 2 retries/);

    // The shard is not stuck behind the bad record.
    await put(run, 7);
    await vi.waitFor(() => expect(processed(run)).toContain('7'), { timeout: 10_000, interval: 50 });
  });

  it('honours batchItemFailures: what precedes the first failure is done, the rest is retried from there', async () => {
    const run = randomUUID();
    const failures: Record<number, 'flaky' | 'partial'> = { 2: 'flaky', 4: 'partial' };
    for (const n of [1, 2, 3, 4, 5]) await put(run, n, failures[n]);
    const discarded: DynamoDBRecord[][] = [];
    await startPoller(consumer(run, { retryAttempts: 2 }), { discarded });
    await vi.waitFor(() => expect(discarded).toHaveLength(1), { timeout: 10_000, interval: 50 });
    expect(calls(run)).toEqual([
      ['1', '2', '3', '4', '5'], // 2 and 4 fail: 1 is done
      ['2', '3', '4', '5'], // 2 succeeds now, 4 fails: 2 and 3 are done
      ['4', '5'], // 4 fails again: retries exhausted
    ]);
    expect(discarded.map(numbersOf)).toEqual([['4', '5']]);
    expect(processed(run)).toEqual(['1', '3', '5', '2', '3', '5', '5']);

    await put(run, 6);
    await vi.waitFor(() => expect(calls(run).at(-1)).toEqual(['6']), { timeout: 10_000, interval: 50 });
  });

  it('without bisect, a failing batch is retried whole and then given up, and the stream moves on', async () => {
    const run = randomUUID();
    for (const n of [1, 2, 3]) await put(run, n, n === 2 ? 'throw' : undefined);
    const discarded: DynamoDBRecord[][] = [];
    await startPoller(consumer(run, { retryAttempts: 1, bisectBatchOnError: false }), { discarded });
    await vi.waitFor(() => expect(discarded).toHaveLength(1), { timeout: 10_000, interval: 50 });
    expect(calls(run)).toEqual([
      ['1', '2', '3'],
      ['1', '2', '3'],
    ]);
    expect(discarded.map(numbersOf)).toEqual([['1', '2', '3']]);
    await put(run, 4);
    await vi.waitFor(() => expect(processed(run)).toEqual(['4']), { timeout: 10_000, interval: 50 });
  });
});
