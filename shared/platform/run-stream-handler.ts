import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { backgroundHandler } from './background-handler.js';
import { logger } from './logger.js';

/**
 * The table-stream consumer of a kind of run (invitation runs, fan-out runs):
 * every write of a RUNNING run is one record, and `step` takes the run's next
 * step from its key (the `keys` of the record's new image; a record without
 * them is skipped). The step's advance is itself a write, so the stream
 * brings the step after it. A failed step is logged with the run's key and
 * reported per record (Powertools Batch), so the stream retries it.
 */
export function runStreamHandler<K extends string>(what: string, keys: readonly K[], step: (key: Record<K, string>) => Promise<void>) {
  async function stepRecord(record: DynamoDBRecord): Promise<void> {
    const image = record.dynamodb?.NewImage;
    const key = {} as Record<K, string>;
    for (const name of keys) {
      const value = image?.[name]?.S;
      if (!value) return;
      key[name] = value;
    }
    try {
      await step(key);
    } catch (error) {
      logger.error(`${what} step failed; the stream retries it`, { ...key, error: error as Error });
      throw error;
    }
  }

  return backgroundHandler(async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
    // A processor per invocation: the local stack runs overlapping invocations in one process.
    const processor = new BatchProcessor(EventType.DynamoDBStreams);
    return processPartialResponse(event, stepRecord, processor, { context });
  });
}
