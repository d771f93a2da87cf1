import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../infra/local/ensure-table.js';
import { localDynamoClient } from '../../infra/local/local-stack.js';

/**
 * Every test file gets a fresh table, created from the product's table
 * definition before any handler module reads TABLE_NAME; files never see
 * each other's data.
 */
const tableName = `test-${randomUUID().slice(0, 8)}`;
process.env.TABLE_NAME = tableName;
const client = localDynamoClient(process.env.DYNAMODB_ENDPOINT!);
await ensureTable(client, tableName);

afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  client.destroy();
});
