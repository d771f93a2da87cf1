import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as documentCommands from '@aws-sdk/lib-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '../infra/local/ensure-table.js';
import { documentClient } from '../shared/adapters/dynamo/client.js';
import { config } from '../shared/config.js';

/**
 * The raw baseline of a request: the DynamoDB calls its use case made,
 * recorded as they left the product's document client, then issued again
 * with a plain document client (no ElectroDB, no handler, no HTTP) against a
 * copy of the table that went through the same changes, so every condition
 * holds again and every item written is the same. Calls that overlapped in
 * the request overlap in the replay.
 */
export interface RecordedCall {
  command: string;
  input: Record<string, unknown>;
  startedAt: number;
  endedAt: number;
}

/** Records every call the product's document client sends while `work` runs. */
export async function recordCalls<T>(work: () => Promise<T>): Promise<{ result: T; calls: RecordedCall[]; ms: number }> {
  const calls: RecordedCall[] = [];
  const name = `bench-record-${Math.random().toString(36).slice(2)}`;
  documentClient.middlewareStack.add(
    (next, context) => async (args) => {
      const call: RecordedCall = { command: context.commandName ?? 'unknown', input: structuredClone(args.input as Record<string, unknown>), startedAt: performance.now(), endedAt: 0 };
      calls.push(call);
      try {
        return await next(args);
      } finally {
        call.endedAt = performance.now();
      }
    },
    { step: 'initialize', name },
  );
  const started = performance.now();
  try {
    const result = await work();
    return { result, calls, ms: performance.now() - started };
  } finally {
    documentClient.middlewareStack.remove(name);
  }
}

/** The middleware sees the low-level command's name, with the document client's (unmarshalled) input: replayed through the document command of that name. */
const documentCommandOf: Record<string, string> = {
  GetItemCommand: 'GetCommand',
  PutItemCommand: 'PutCommand',
  UpdateItemCommand: 'UpdateCommand',
  DeleteItemCommand: 'DeleteCommand',
  BatchGetItemCommand: 'BatchGetCommand',
  BatchWriteItemCommand: 'BatchWriteCommand',
  TransactGetItemsCommand: 'TransactGetCommand',
  TransactWriteItemsCommand: 'TransactWriteCommand',
};

/** A copy of the product's table (same definition, same items) that replays go to. */
export async function rawTwin(): Promise<{ tableName: string; replay(calls: RecordedCall[]): Promise<number>; close(): void }> {
  const tableName = `${config.TABLE_NAME}-raw-${Math.random().toString(36).slice(2, 8)}`;
  const client = new DynamoDBClient({ region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, tableName);
  await client.send(new DescribeTableCommand({ TableName: tableName }));
  const raw = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } });
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await raw.send(new ScanCommand({ TableName: config.TABLE_NAME, ConsistentRead: true, ExclusiveStartKey: startKey }));
    const items = page.Items ?? [];
    for (let start = 0; start < items.length; start += 25) {
      let request: Record<string, any> | undefined = { [tableName]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })) };
      while (request && Object.keys(request).length > 0) request = (await raw.send(new BatchWriteCommand({ RequestItems: request }))).UnprocessedItems;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);

  const withTable = (input: Record<string, unknown>) => {
    // JSON would lose Sets and bytes: only the table names are changed, in place on a clone.
    const copy = structuredClone(input);
    const visit = (node: unknown) => {
      if (!node || typeof node !== 'object' || node instanceof Set || ArrayBuffer.isView(node)) return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'TableName' && value === config.TABLE_NAME) (node as Record<string, unknown>)[key] = tableName;
        else if (key === 'RequestItems' && value && typeof value === 'object' && config.TABLE_NAME in value) {
          const items = value as Record<string, unknown>;
          items[tableName] = items[config.TABLE_NAME];
          delete items[config.TABLE_NAME];
        } else visit(value);
      }
    };
    visit(copy);
    return copy;
  };

  /** Issues the calls again against the copy, overlapping those that overlapped; returns the milliseconds taken. */
  async function replay(calls: RecordedCall[]): Promise<number> {
    const groups: RecordedCall[][] = [];
    for (const call of [...calls].sort((a, b) => a.startedAt - b.startedAt)) {
      const group = groups.at(-1);
      if (group && group.some((other) => call.startedAt < other.endedAt)) group.push(call);
      else groups.push([call]);
    }
    const started = performance.now();
    for (const group of groups) {
      await Promise.all(
        group.map(async (call) => {
          const Command = (documentCommands as unknown as Record<string, new (input: unknown) => never>)[documentCommandOf[call.command] ?? call.command];
          if (!Command) throw new Error(`cannot replay ${call.command}`);
          // A refused condition is a call the use case made too (a retried seat count); its answer does not matter here.
          await raw.send(new Command(withTable(call.input))).catch((error: Error) => {
            if (!/ConditionalCheckFailed|TransactionCanceled/.test(error.name)) throw error;
          });
        }),
      );
    }
    return performance.now() - started;
  }

  return { tableName, replay, close: () => client.destroy() };
}
