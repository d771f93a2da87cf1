import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { Database } from 'sql.js';
import { afterAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.js';
import { localDynamoClient } from '../../infra/local/local-stack.js';
import { databaseFile, loadSqlite } from '../../infra/local/stream-record-index.js';

/** A DynamoDB Local of this file's own, beside the suite's (whose database must not be touched). */
const port = Number(process.env.TEST_DYNAMODB_PORT ?? 8100) + 40;
const dataDir = mkdtempSync(join(tmpdir(), 'stream-index-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function openDatabase(): Promise<Database> {
  return new (await loadSqlite()).Database(readFileSync(databaseFile(dataDir)));
}

const indexNames = (db: Database) => (db.exec("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'us'")[0]?.values ?? []).map(([name]) => String(name)).sort();

/** How SQLite runs DynamoDB Local's own lookups of stream records (SQLiteDBAccessJob): an index search, or a walk over every record. */
function plansOf(db: Database): string[] {
  return [
    'SELECT MIN(SequenceNumber) FROM us WHERE StreamID = ?',
    'SELECT MAX(SequenceNumber) FROM us WHERE (StreamID = ? AND ShardID = ?)',
    // A shard's oldest record still kept (GET_EARLIEST_SEQNUM_FOR_SHARD_SQL), read on the stream's reads.
    'SELECT SequenceNumber, CreationDateTime FROM us WHERE ShardID = ? AND CreationDateTime >= ? ORDER BY SequenceNumber ASC LIMIT 1',
  ].map((query) => (db.exec(`EXPLAIN QUERY PLAN ${query}`, ['s', 'x'].slice(0, query.split('?').length - 1))[0]?.values ?? []).map((row) => String(row.at(-1))).join('; '));
}

/** Starts DynamoDB Local on the data dir, runs `work` against it, and stops it. */
async function withDynamoDbLocal(work: (client: ReturnType<typeof localDynamoClient>) => Promise<void>) {
  const running = await startDynamoDbLocal({ port, dataDir });
  const client = localDynamoClient(`http://127.0.0.1:${port}`);
  try {
    await work(client);
  } finally {
    client.destroy();
    await running.stop();
  }
}

describe('DynamoDB Local’s stream records are indexed by stream and shard', () => {
  it('a new database gets DynamoDB Local’s schema and the indexes, and DynamoDB Local takes it and keeps its data', { timeout: 60_000 }, async () => {
    expect(existsSync(databaseFile(dataDir))).toBe(false);
    await withDynamoDbLocal(async (client) => {
      await client.send(
        new CreateTableCommand({
          TableName: 'streamed',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        }),
      );
      await client.send(new PutItemCommand({ TableName: 'streamed', Item: { pk: { S: 'kept' } } }));
    });

    const db = await openDatabase();
    expect(indexNames(db)).toEqual(['us_shard_sequence', 'us_shard_sequence_created', 'us_stream_sequence']);
    // The put went through the indexed table: its stream record is there.
    expect(db.exec('SELECT COUNT(*) FROM us')[0]!.values[0]![0]).toBe(1);
    expect(plansOf(db)).toEqual([
      expect.stringMatching(/USING COVERING INDEX us_stream_sequence/),
      expect.stringMatching(/USING COVERING INDEX us_shard_sequence\b/),
      expect.stringMatching(/USING COVERING INDEX us_shard_sequence_created/),
    ]);
    db.close();
  });

  it('a database made without them (before this change) gets them at the next start, its data intact', { timeout: 60_000 }, async () => {
    const db = await openDatabase();
    db.run('DROP INDEX us_stream_sequence; DROP INDEX us_shard_sequence; DROP INDEX us_shard_sequence_created;');
    // Without the indexes DynamoDB Local's lookup walks the records in sequence order, every one written before the stream's first.
    for (const plan of plansOf(db)) expect(plan).not.toMatch(/INDEX/);
    writeFileSync(databaseFile(dataDir), db.export());
    db.close();

    await withDynamoDbLocal(async (client) => {
      expect((await client.send(new GetItemCommand({ TableName: 'streamed', Key: { pk: { S: 'kept' } } }))).Item).toEqual({ pk: { S: 'kept' } });
    });
    const reopened = await openDatabase();
    expect(indexNames(reopened)).toEqual(['us_shard_sequence', 'us_shard_sequence_created', 'us_stream_sequence']);
    reopened.close();
  });
});
