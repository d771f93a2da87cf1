import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../../infra/local/ensure-table.js';
import { localDynamoClient } from '../../infra/local/local-stack.js';

/**
 * Every test file gets a fresh table, created from the product's table
 * definition before any handler module reads TABLE_NAME (and its own office
 * address); files never see each other's data or office mail.
 */
const tableName = `test-${randomUUID().slice(0, 8)}`;
process.env.TABLE_NAME = tableName;
// The office's own address per file too, so office notices and digests reach only their file (local SES is shared).
process.env.ADMIN_EMAILS = `office-${tableName}@glokal.test`;
const client = localDynamoClient(process.env.DYNAMODB_ENDPOINT!);
await ensureTable(client, tableName);

afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  client.destroy();
});
