import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent, ScheduledEvent } from 'aws-lambda';
import { deliveryDependencies } from '../../shared/adapters/mail/delivery-dependencies.js';
import { deliverDueMessages, deliverMessage } from '../../shared/domain/mail/deliver-message.js';
import { mapWithConcurrency } from '../../shared/platform/concurrency.js';
import { logger } from '../../shared/platform/logger.js';

const parallelSends = 5;
/** Stop picking up work this long before the Lambda timeout; the next sweep continues. */
const safetyMarginMs = 15_000;

async function fromStream(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const failures = await mapWithConcurrency(event.Records, parallelSends, async (record) => {
    const messageId = record.dynamodb?.NewImage?.messageId?.S;
    if (!messageId) return undefined;
    try {
      await deliverMessage(messageId, deliveryDependencies);
      return undefined;
    } catch (error) {
      logger.error('delivery attempt failed; the stream retries it', { messageId, error: error as Error });
      return record.dynamodb?.SequenceNumber;
    }
  });
  return { batchItemFailures: failures.filter((id): id is string => id !== undefined).map((itemIdentifier) => ({ itemIdentifier })) };
}

/**
 * The mailer: new outbox items arrive from the table stream; the sweep
 * schedule picks up retries that are due and leases that expired.
 */
export const handler = middy(async (event: DynamoDBStreamEvent | ScheduledEvent, context: Context) => {
  if ('Records' in event) return fromStream(event);
  const result = await deliverDueMessages(deliveryDependencies, {
    limit: 500,
    hasTimeLeft: () => context.getRemainingTimeInMillis() > safetyMarginMs,
  });
  if (result.found > 0) logger.info('outbox sweep', result);
  return result;
}).use(injectLambdaContext(logger, { clearState: true }));
