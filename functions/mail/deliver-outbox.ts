import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent, ScheduledEvent } from 'aws-lambda';
import { deliveryDependencies, outboxBacklog } from '../../shared/composition/mail.js';
import { deliverDueMessages, deliverMessage, withRecipientsRead } from '../../shared/domain/mail/deliver-message.js';
import type { DeliveryDependencies } from '../../shared/domain/mail/ports.js';
import { oldestPendingAgeSeconds } from '../../shared/domain/mail/outbox-backlog.js';
import { backgroundHandler } from '../../shared/platform/background-handler.js';
import { concurrencyLimit } from '../../shared/platform/concurrency.js';
import { logger } from '../../shared/platform/logger.js';
import { metricNames, secondsMetric } from '../../shared/platform/metrics.js';

const parallelSends = 5;
/** Stop picking up work this long before the Lambda timeout; the next sweep continues. */
const safetyMarginMs = 15_000;

/** One new outbox item: one delivery attempt. A throw marks the record failed, and the stream retries from it. */
async function deliverRecord(record: DynamoDBRecord, deps: DeliveryDependencies): Promise<void> {
  const messageId = record.dynamodb?.NewImage?.messageId?.S;
  if (!messageId) return;
  try {
    await deliverMessage(messageId, deps);
  } catch (error) {
    logger.error('delivery attempt failed; the stream retries it', { messageId, error: error as Error });
    throw error;
  }
}

/**
 * Partial batch response through Powertools Batch: the failed records are
 * reported (`batchItemFailures`), the others count as delivered. If every
 * record fails the invocation fails, so the function's errors alarm sees it.
 * Records arrive together; at most `parallelSends` are in flight.
 */
async function fromStream(event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> {
  const limit = concurrencyLimit(parallelSends);
  // The batch's recipients (preferences, suppression, erasure) in a few batch gets, not two reads per message.
  const addresses = event.Records.map((record) => record.dynamodb?.NewImage?.to?.S).filter((to): to is string => to !== undefined);
  const deps = await withRecipientsRead(addresses, deliveryDependencies);
  // A processor per invocation: the local stack runs overlapping invocations in one process.
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  return processPartialResponse(event, (record: DynamoDBRecord) => limit(() => deliverRecord(record, deps)), processor, { context });
}

async function sweep(context: Context) {
  const result = await deliverDueMessages(deliveryDependencies, {
    limit: 500,
    hasTimeLeft: () => context.getRemainingTimeInMillis() > safetyMarginMs,
  });
  const oldestPendingAge = await oldestPendingAgeSeconds(outboxBacklog, deliveryDependencies.clock.now());
  secondsMetric(metricNames.oldestPendingEmailAge, oldestPendingAge);
  if (result.found > 0 || oldestPendingAge > 0) logger.info('outbox sweep', { ...result, oldestPendingAge });
  return { ...result, oldestPendingAge };
}

/**
 * The mailer: new outbox items arrive from the table stream; the sweep
 * schedule picks up retries that are due and leases that expired, and
 * reports how late the oldest pending message is.
 */
export const handler = backgroundHandler(async (event: DynamoDBStreamEvent | ScheduledEvent, context: Context) =>
  'Records' in event ? fromStream(event, context) : sweep(context),
);
