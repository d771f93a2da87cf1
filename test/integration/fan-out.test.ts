import { describe, expect, it } from 'vitest';
import { fanOutRepository } from '../../shared/adapters/dynamo/fan-out-repository.js';
import { glokal } from '../../shared/adapters/dynamo/service.js';
import { FanOutRunMoved, type FanOutKinds, type FanOutPage, type FanOutRun, type FanOutStore, type FanOutUnit } from '../../shared/domain/fanout/fan-out.js';
import { newFanOutRun, runFanOutStep, type FanOutDependencies } from '../../shared/domain/fanout/run-fan-out.js';
import { systemClock } from '../../shared/platform/clock.js';

/*
 * The fan-out runner's guarantees, against DynamoDB Local: each email once
 * however steps overlap, crash or repeat, markers once across runs, and the
 * run's counts. The test plays the stream (it calls the step the runner
 * calls per record); the kinds' own tests go through the real stream.
 */

const recipients = (label: string, count: number) => Array.from({ length: count }, (_, index) => `${label}-${index}@example.test`);

const unitFor = (runLabel: string, address: string, markers?: string[]): FanOutUnit => ({
  message: {
    messageId: `fan-out-test-${runLabel}-${address}`,
    to: address,
    lang: 'en',
    template: 'contact-address-changed',
    data: { contactName: address, organisationName: 'Test', changedAt: '2026-11-29T08:00:00.000Z' },
  },
  ...(markers ? { markers } : {}),
});

/** A kind over a list of addresses, `pageSize` per page, the cursor being an offset. */
function listKind(runLabel: string, addresses: string[], pageSize: number, options: { markerOf?: (address: string) => string; store?: FanOutStore; staleOnce?: boolean } = {}) {
  let stale = options.staleOnce ?? false;
  let pages = 0;
  const pager = async (run: FanOutRun): Promise<FanOutPage> => {
    pages += 1;
    const offset = Number(run.cursor ?? 0);
    const slice = addresses.slice(offset, offset + pageSize);
    const markerOf = options.markerOf;
    let due = slice;
    if (markerOf && !stale) {
      const done = await (options.store ?? fanOutRepository).existingMarkers(slice.map(markerOf));
      due = slice.filter((address) => !done.has(markerOf(address)));
    }
    stale = false;
    const next = offset + pageSize;
    return {
      units: due.map((address) => unitFor(runLabel, address, markerOf ? [markerOf(address)] : undefined)),
      counts: { skipped: slice.length - due.length },
      ...(next < addresses.length ? { cursor: String(next) } : {}),
    };
  };
  return { pager, pages: () => pages };
}

const dependencies = (kinds: FanOutKinds, runs: FanOutStore = fanOutRepository): FanOutDependencies => ({ clock: systemClock, runs, kinds });

async function startRun(runId: string, kind: string): Promise<FanOutRun> {
  const run = newFanOutRun({ scope: 'TEST#fan-out', runId, kind, params: {}, startedBy: 'test' }, new Date());
  expect(await fanOutRepository.start(run)).toBe('started');
  return run;
}

/** Steps the run until it ends, as the stream would (each advance brings the next step). */
async function runToEnd(run: FanOutRun, deps: FanOutDependencies, overlap = 1): Promise<FanOutRun> {
  for (let steps = 0; steps < 1_000; steps += 1) {
    const results = await Promise.all(Array.from({ length: overlap }, () => runFanOutStep(run.scope, run.runId, deps)));
    const current = (await fanOutRepository.get(run.scope, run.runId))!;
    expect(results.every((result) => result !== undefined)).toBe(true);
    if (current.status !== 'RUNNING') return current;
  }
  throw new Error('the run did not end');
}

async function queuedIds(runLabel: string, addresses: string[]): Promise<string[]> {
  const { data } = await glokal.entities.outboxMessage.get(addresses.map((address) => ({ messageId: `fan-out-test-${runLabel}-${address}` }))).go({ consistent: true });
  return data.map((item) => item.messageId);
}

describe('the fan-out runner', () => {
  it('queues every unit once, in transactions of at most 100 writes, and ends DONE with its counts', { timeout: 60_000 }, async () => {
    const addresses = recipients('plain', 250);
    const kind = listKind('plain', addresses, 120);
    const run = await startRun('plain', 'list');
    const ended = await runToEnd(run, dependencies({ list: kind.pager }));
    expect(ended).toMatchObject({ status: 'DONE', step: 3, counts: { queued: 250, alreadyQueued: 0, skipped: 0 } });
    expect(ended.cursor).toBeUndefined();
    expect(ended.finishedAt).toBeDefined();
    expect(await queuedIds('plain', addresses)).toHaveLength(250);
  });

  it('overlapping steps (the stream delivering a record twice at once) queue each email once and advance each page once', { timeout: 60_000 }, async () => {
    const addresses = recipients('overlap', 130);
    const kind = listKind('overlap', addresses, 40);
    const run = await startRun('overlap', 'list');
    const ended = await runToEnd(run, dependencies({ list: kind.pager }), 3);
    expect(ended.status).toBe('DONE');
    expect(ended.step).toBe(4);
    expect(ended.counts.queued! + ended.counts.alreadyQueued!).toBe(130);
    expect(ended.counts.queued).toBe(130);
    expect(await queuedIds('overlap', addresses)).toHaveLength(130);
  });

  it('a step that died after writing part of its page is taken again and finds that part queued', { timeout: 60_000 }, async () => {
    const addresses = recipients('crash', 220);
    const kind = listKind('crash', addresses, 200);
    let crashed = false;
    const crashing: FanOutStore = {
      ...fanOutRepository,
      async queue(units, advance) {
        if (crashed) return fanOutRepository.queue(units, advance);
        crashed = true;
        // The page's first two transactions (99 + 99) commit; the third, with the advance, does not (the consumer "dies").
        await expect(fanOutRepository.queue(units, { ...advance, from: { ...advance.from, step: -1 } })).rejects.toBeInstanceOf(FanOutRunMoved);
        throw new Error('the consumer died after two of its transactions');
      },
    };
    const run = await startRun('crash', 'list');
    const deps = dependencies({ list: kind.pager }, crashing);
    await expect(runFanOutStep(run.scope, run.runId, deps)).rejects.toThrow('died');
    expect(await queuedIds('crash', addresses)).toHaveLength(198);
    const ended = await runToEnd(run, deps);
    expect(ended).toMatchObject({ status: 'DONE', step: 2, counts: { queued: 22, alreadyQueued: 198 } });
    expect(await queuedIds('crash', addresses)).toHaveLength(220);
  });

  it('markers make a unit once across runs: a later run skips what they mark, and a page made before a marker appeared is made again', { timeout: 60_000 }, async () => {
    const addresses = recipients('marked', 30);
    const markerOf = (address: string) => `test#${address}`;
    const first = listKind('marked-a', addresses.slice(0, 20), 50, { markerOf });
    const ended = await runToEnd(await startRun('marked-a', 'first'), dependencies({ first: first.pager }));
    expect(ended.counts).toMatchObject({ queued: 20, skipped: 0 });

    // The second run's first page is made from a stale view (no markers read), so its transaction meets the markers.
    const second = listKind('marked-b', addresses, 50, { markerOf, staleOnce: true });
    const again = await runToEnd(await startRun('marked-b', 'second'), dependencies({ second: second.pager }));
    expect(second.pages()).toBe(2);
    expect(again).toMatchObject({ status: 'DONE', counts: { queued: 10, alreadyQueued: 0, skipped: 20 } });
    expect(await queuedIds('marked-b', addresses)).toEqual(expect.arrayContaining(addresses.slice(20).map((address) => `fan-out-test-marked-b-${address}`)));
    expect(await queuedIds('marked-b', addresses.slice(0, 20))).toHaveLength(0);
    expect((await fanOutRepository.existingMarkers(addresses.map(markerOf))).size).toBe(30);
  });

  it('a run whose kind says stop ends STOPPED and queues nothing more', async () => {
    const run = await startRun('stopping', 'stop');
    const ended = await runToEnd(run, dependencies({ stop: async () => ({ units: [unitFor('stopping', 'x@example.test')], stop: true }) }));
    expect(ended).toMatchObject({ status: 'STOPPED', step: 1, counts: { queued: 0, alreadyQueued: 0 } });
    expect(await queuedIds('stopping', ['x@example.test'])).toHaveLength(0);
  });

  it('a second start of the same run id is a no-op, and the scope lists its runs newest first', async () => {
    const run = await startRun('once', 'list');
    expect(await fanOutRepository.start({ ...run, startedAt: new Date(Date.now() + 1000).toISOString() })).toBe('exists');
    const listed = await fanOutRepository.list('TEST#fan-out');
    expect(listed.map(({ runId }) => runId)).toContain('once');
    expect(listed.map(({ startedAt }) => startedAt)).toEqual(listed.map(({ startedAt }) => startedAt).sort().reverse());
  });

  it('a run of an unknown kind fails its step loudly (the stream retries it and it stays visible), changing nothing', async () => {
    const run = await startRun('unknown', 'no-such-kind');
    await expect(runFanOutStep(run.scope, run.runId, dependencies({}))).rejects.toThrow('No fan-out kind named no-such-kind');
    expect(await fanOutRepository.get(run.scope, run.runId)).toMatchObject({ status: 'RUNNING', step: 0 });
  });
});
