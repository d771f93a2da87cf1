import { ScanCommand, TransactWriteItemsCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { startDynamoDbLocal, type RunningProcess } from '../../infra/local/dynamodb-local.js';
import { ensureTable } from '../../infra/local/ensure-table.js';
import { localDynamoClient } from '../../infra/local/local-stack.js';
import { manifest } from '../../infra/manifest.js';
import { memoryCheckpoints, startStreamPoller } from '../../infra/local/stream-poller.js';
import { FaultProxy } from './fault-proxy.js';
import { faultPorts } from './fault-ports.js';

/**
 * A DynamoDB Local of this file's own behind a fault proxy: the functions
 * talk to the proxy (see useFaultProxyEnvironment), the test reads the table
 * directly. Stopping or faulting the suite's shared DynamoDB Local would
 * break every other file's tables. The mailer runs from the table's stream,
 * read directly, so emails flow as under `npm start`.
 */
export function useFaultyDynamo() {
  const ports = faultPorts();
  const proxy = new FaultProxy(ports.dynamoProxy, ports.dynamo);
  let dynamo: RunningProcess | undefined;
  let direct: DynamoDBClient | undefined;
  let poller: Awaited<ReturnType<typeof startStreamPoller>> | undefined;
  const tableName = process.env.TABLE_NAME!;
  const directEndpoint = `http://127.0.0.1:${ports.dynamo}`;
  const checkpoints = memoryCheckpoints();
  const startMailer = async () => {
    poller = await startStreamPoller(manifest, { endpoint: directEndpoint, tableName, log: () => undefined, intervalMs: 100, checkpoints });
  };

  beforeAll(async () => {
    dynamo = await startDynamoDbLocal({ port: ports.dynamo });
    direct = localDynamoClient(directEndpoint);
    await ensureTable(direct, tableName);
    await warmUp(direct, tableName);
    await proxy.start();
    await startMailer();
  }, 60_000);

  afterAll(async () => {
    await poller?.stop();
    await proxy.stop();
    direct?.destroy();
    await dynamo?.stop();
  });

  /**
   * The mailer shares the functions' client, so it would meet the faults
   * too: it is paused while a fault is on (its stream position kept), so
   * that only the request under test meets them and is counted.
   */
  const mailer = {
    async pause() {
      await poller?.stop();
      poller = undefined;
    },
    resume: startMailer,
  };

  /**
   * Every item of the table as sorted JSON lines, without what the mailer
   * changes on its own (its send-rate windows, each message's delivery
   * state): two dumps are equal exactly when no request wrote in between.
   */
  async function dump(): Promise<string[]> {
    const lines: string[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await direct!.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }));
      for (const item of page.Items ?? []) {
        if (item.entity?.S === 'RATE_WINDOW') continue;
        const kept = item.entity?.S === 'OUTBOX' ? { pk: item.pk, template: item.template, to: item.to } : item;
        lines.push(JSON.stringify(Object.fromEntries(Object.entries(kept).sort(([a], [b]) => a.localeCompare(b)))));
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return lines.sort();
  }

  return { proxy, dump, mailer };
}

/** A fresh JVM's first transactions are slow; a few unrelated ones first, so the suite's short timeouts meet only the faults. */
async function warmUp(client: DynamoDBClient, tableName: string): Promise<void> {
  const key = (n: number) => ({ pk: { S: `WARMUP#${n}` }, sk: { S: 'WARMUP' } });
  for (let round = 0; round < 5; round += 1) {
    await client.send(new TransactWriteItemsCommand({ TransactItems: [0, 1].map((n) => ({ Put: { TableName: tableName, Item: key(n) } })) }));
    await client.send(new TransactWriteItemsCommand({ TransactItems: [0, 1].map((n) => ({ Delete: { TableName: tableName, Key: key(n) } })) }));
  }
}
