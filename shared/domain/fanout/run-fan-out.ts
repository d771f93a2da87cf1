import type { Clock } from '../../platform/clock.js';
import { FanOutRunMoved, MarkersTaken, type FanOutKinds, type FanOutPage, type FanOutRun, type FanOutStore, type QueueResult } from './fan-out.js';

export interface FanOutDependencies {
  clock: Clock;
  runs: FanOutStore;
  kinds: FanOutKinds;
}

/** A run at its start: RUNNING, no cursor, nothing counted. Its first write brings its first page. */
export function newFanOutRun(fields: Pick<FanOutRun, 'scope' | 'runId' | 'kind' | 'params' | 'startedBy'>, now: Date): FanOutRun {
  const at = now.toISOString();
  return { ...fields, status: 'RUNNING', step: 0, counts: { queued: 0, alreadyQueued: 0 }, startedAt: at, updatedAt: at };
}

function addCounts(...all: Array<Record<string, number> | undefined>): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const counts of all) for (const [name, value] of Object.entries(counts ?? {})) sum[name] = (sum[name] ?? 0) + value;
  return sum;
}

function advanced(run: FanOutRun, page: FanOutPage, result: QueueResult, now: Date): FanOutRun {
  const { cursor: _cursor, ...rest } = run;
  const status = page.stop ? 'STOPPED' : page.cursor !== undefined ? 'RUNNING' : 'DONE';
  return {
    ...rest,
    ...(page.cursor !== undefined && !page.stop ? { cursor: page.cursor } : {}),
    status,
    step: run.step + 1,
    counts: addCounts(run.counts, page.counts, { ...result }),
    updatedAt: now.toISOString(),
    ...(status !== 'RUNNING' ? { finishedAt: now.toISOString() } : {}),
  };
}

/** A page made again after a marker race sees the marker; more than a few in a row means something else is wrong. */
const pageAttempts = 5;

/**
 * One step of a run (the runner's unit of work, per stream record): makes
 * the run's next page and queues it with the run's advance. A step another
 * consumer already took ends quietly; one that crashed after some of its
 * writes is taken again and finds them queued.
 */
export async function runFanOutStep(scope: string, runId: string, deps: FanOutDependencies): Promise<FanOutRun | undefined> {
  for (let attempt = 1; ; attempt += 1) {
    const run = await deps.runs.get(scope, runId);
    if (!run || run.status !== 'RUNNING') return run;
    const pager = deps.kinds[run.kind];
    if (!pager) throw new Error(`No fan-out kind named ${run.kind} (run ${scope} ${runId}).`);
    const page = await pager(run);
    const now = deps.clock.now();
    try {
      const result = await deps.runs.queue(page.stop ? [] : page.units, { from: run, to: (queued) => advanced(run, page, queued, now), at: now });
      return advanced(run, page, result, now);
    } catch (error) {
      if (error instanceof FanOutRunMoved) return deps.runs.get(scope, runId);
      if (error instanceof MarkersTaken && attempt < pageAttempts) continue;
      throw error;
    }
  }
}
