import { fanOutDependencies } from '../../shared/composition/fan-out.js';
import { runFanOutStep } from '../../shared/domain/fanout/run-fan-out.js';
import { logger } from '../../shared/platform/logger.js';
import { runStreamHandler } from '../../shared/platform/run-stream-handler.js';

/** The fan-out runner: one page of a fan-out run per write of the run, from the table stream. */
export const handler = runStreamHandler('fan-out', ['scope', 'runId'], async ({ scope, runId }) => {
  const run = await runFanOutStep(scope, runId, fanOutDependencies);
  if (run && run.status !== 'RUNNING') logger.info('fan-out run ended', { kind: run.kind, runId, status: run.status, counts: run.counts });
});
