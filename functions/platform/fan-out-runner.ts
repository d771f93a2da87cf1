import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { fanOutDependencies } from '../../shared/composition/fan-out.js';
import { runFanOutStep } from '../../shared/domain/fanout/run-fan-out.js';
import { logger } from '../../shared/platform/logger.js';
import { metrics } from '../../shared/platform/metrics.js';
import { tracer } from '../../shared/platform/tracer.js';

/** One write of a RUNNING run: its next page. The page's advance is itself a write, so the stream brings the page after it. */
async function stepRecord(record: DynamoDBRecord): Promise<void> {
  const image = record.dynamodb?.NewImage;
  const scope = image?.scope?.S;
  const runId = image?.runId?.S;
  if (!scope || !runId) return;
  try {
    const run = await runFanOutStep(scope, runId, fanOutDependencies);
    if (run && run.status !== 'RUNNING') logger.info('fan-out run ended', { kind: run.kind, runId, status: run.status, counts: run.counts });
  } catch (error) {
    logger.error('fan-out step failed; the stream retries it', { scope, runId, error: error as Error });
    throw error;
  }
}

/** The fan-out runner: pages of runs from the table stream, failures reported per record (Powertools Batch). */
export const handler = middy(async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  return processPartialResponse(event, stepRecord, processor, { context });
})
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .use(injectLambdaContext(logger, { clearState: true, logEvent: false }));
