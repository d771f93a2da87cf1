import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../../shared/adapters/dynamo/table-definition.js';

const stringAttribute = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });

function indexSpec(index: (typeof tableDefinition.globalIndexes)[number]): GlobalSecondaryIndex {
  return {
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      { AttributeName: index.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  };
}

/**
 * Creates the table from the same definition the CDK stack uses, or brings an
 * existing one up to date (new indexes, TTL), so a kept local database
 * follows the code.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  options: { abortSignal?: AbortSignal } = {},
): Promise<'created' | 'updated' | 'unchanged'> {
  // Ctrl-C during start-up aborts the table's creation instead of waiting on a stopped DynamoDB Local.
  const send = options.abortSignal ? { abortSignal: options.abortSignal } : {};
  const existing = await client.send(new DescribeTableCommand({ TableName: tableName }), send).catch((error: Error) => {
    if (error.name === 'ResourceNotFoundException') return undefined;
    throw error;
  });
  let outcome: 'created' | 'updated' | 'unchanged' = 'unchanged';
  if (!existing) {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          stringAttribute(tableDefinition.partitionKey),
          stringAttribute(tableDefinition.sortKey),
          ...tableDefinition.globalIndexes.flatMap((index) => [stringAttribute(index.partitionKey), stringAttribute(index.sortKey)]),
        ],
        KeySchema: [
          { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: tableDefinition.globalIndexes.map(indexSpec),
        StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.streamView },
      }),
      send,
    );
    outcome = 'created';
  } else {
    const present = new Set(existing.Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName));
    for (const index of tableDefinition.globalIndexes.filter((candidate) => !present.has(candidate.name))) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: [stringAttribute(index.partitionKey), stringAttribute(index.sortKey)],
          GlobalSecondaryIndexUpdates: [{ Create: indexSpec(index) }],
        }),
        send,
      );
      outcome = 'updated';
    }
    if (!existing.Table?.StreamSpecification?.StreamEnabled) {
      await client.send(
        new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.streamView } }),
        send,
      );
      outcome = 'updated';
    }
  }
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }), send);
  if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true } }),
      send,
    );
  }
  return outcome;
}
