import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { streamConsumers, type FunctionDeclaration } from '../manifest-types.js';
import { matchesPattern } from './event-pattern.js';
import { localDynamoClient } from './local-stack.js';
import { invokeFunction } from './load-handler.js';

/** The stream API's record → the record Lambda hands a function (epoch seconds, source ARN). */
function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const { ApproximateCreationDateTime, ...rest } = record.dynamodb ?? {};
  return {
    ...(record as DynamoDBRecord),
    eventSourceARN: streamArn,
    dynamodb: {
      ...(rest as DynamoDBRecord['dynamodb']),
      ...(ApproximateCreationDateTime ? { ApproximateCreationDateTime: Math.floor(new Date(ApproximateCreationDateTime).getTime() / 1000) } : {}),
    },
  };
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}

/**
 * Reads DynamoDB Local's stream the way Lambda's event source mapping reads
 * the real one: filters records with the manifest's pattern and hands the
 * consumer batches as a DynamoDBStreamEvent. It starts at the stream's end;
 * anything written while the stack was down is left to the sweep schedule.
 */
export async function startStreamPoller(
  manifest: readonly FunctionDeclaration[],
  options: { endpoint: string; tableName: string; log: (line: string) => void; intervalMs?: number },
) {
  const consumers = streamConsumers(manifest);
  const dynamo = localDynamoClient(options.endpoint);
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const described = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
  dynamo.destroy();
  const streamArn = described.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream`);

  const iterators = new Map<string, string | undefined>();
  let initial = true;
  let stopped = false;
  let lastShardRefresh = 0;

  async function refreshShards() {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || iterators.has(shard.ShardId)) continue;
      // At start-up, only open shards from their end; shards that appear later are read whole.
      if (initial && shard.SequenceNumberRange?.EndingSequenceNumber) {
        iterators.set(shard.ShardId, undefined);
        continue;
      }
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: initial ? 'LATEST' : 'TRIM_HORIZON' }),
      );
      iterators.set(shard.ShardId, ShardIterator);
    }
    initial = false;
    lastShardRefresh = Date.now();
  }

  async function deliver(records: DynamoDBRecord[]) {
    for (const { fn, trigger } of consumers) {
      const matching = records.filter((record) => matchesPattern(trigger.filter, record));
      for (const batch of chunk(matching, trigger.batchSize)) {
        const event: DynamoDBStreamEvent = { Records: batch };
        try {
          const result = (await invokeFunction(fn, event)) as { batchItemFailures?: unknown[] } | undefined;
          const failed = result?.batchItemFailures?.length ?? 0;
          options.log(`stream → ${fn.name}: ${batch.length} record(s)${failed ? `, ${failed} failed (the sweep retries them)` : ''}`);
        } catch (error) {
          options.log(`stream → ${fn.name} failed: ${(error as Error).message} (the sweep retries)`);
        }
      }
    }
  }

  async function poll() {
    if (Date.now() - lastShardRefresh > 2000) await refreshShards();
    for (const [shardId, iterator] of iterators) {
      if (!iterator) continue;
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      iterators.set(shardId, page.NextShardIterator);
      const records = (page.Records ?? []).map((record) => toLambdaRecord(record, streamArn!));
      if (records.length > 0) await deliver(records);
    }
  }

  await refreshShards();
  const loop = (async () => {
    while (!stopped) {
      await poll().catch((error: Error) => options.log(`stream poll failed: ${error.message}`));
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
    }
  })();

  return {
    async stop() {
      stopped = true;
      await loop;
      streams.destroy();
    },
  };
}
