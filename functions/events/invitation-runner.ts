import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { invitationRunDependencies } from '../../shared/composition/rsvp.js';
import { runInvitationStep } from '../../shared/domain/events/invitation-run.js';
import { logger } from '../../shared/platform/logger.js';
import { metrics } from '../../shared/platform/metrics.js';
import { tracer } from '../../shared/platform/tracer.js';

/** One write of a RUNNING run: its next step. The step's advance is itself a write, so the stream brings the step after it. */
async function stepRecord(record: DynamoDBRecord): Promise<void> {
  const image = record.dynamodb?.NewImage;
  const eventId = image?.eventId?.S;
  const runId = image?.runId?.S;
  if (!eventId || !runId) return;
  try {
    await runInvitationStep(eventId, runId, invitationRunDependencies);
  } catch (error) {
    logger.error('invitation step failed; the stream retries it', { eventId, runId, error: error as Error });
    throw error;
  }
}

/** The invitation runner: steps of runs from the table stream, failures reported per record (Powertools Batch). */
export const handler = middy(async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  return processPartialResponse(event, stepRecord, processor, { context });
})
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .use(injectLambdaContext(logger, { clearState: true, logEvent: false }));
