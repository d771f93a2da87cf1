import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import initSqlJs from 'sql.js';

/**
 * DynamoDB Local keeps every table's stream records in one SQLite table
 * (`us`), keyed by sequence number only, and on every write to a table with
 * a stream it looks up the stream's first record with
 * `SELECT MIN(SequenceNumber) FROM us WHERE StreamID = ?`. Without an index
 * on the stream that walks every record written before the stream's first one,
 * of every table, deleted ones included (a stream outlives its table by 24
 * hours). Each write gets slower with everything written before it: over one
 * `npm test` run (a table per file, tens of thousands of writes) a write
 * went from about 1 ms to tens of ms, and DynamoDB Local's single SQLite
 * thread became the bottleneck of the whole suite.
 *
 * So the database gets the missing indexes before DynamoDB Local opens it. A
 * new database is created here with DynamoDB Local's own schema (the
 * statements of the pinned release, 2026-01-16, schema v2.4.0), since it
 * refuses a database with tables but no version; an existing one gets them
 * added. SQLite keeps them up to date from then on.
 */
export const databaseFile = (dataDir: string) => join(dataDir, 'shared-local-instance.db');

const schemaVersion = 'v2.4.0';

/** DynamoDB Local's statements for a new database (DynamoDBLocal.jar, SQLiteDBAccess), verbatim. */
const dynamoDbLocalSchema = [
  'CREATE TABLE IF NOT EXISTS cf (version TEXT);',
  'CREATE TABLE IF NOT EXISTS dm (TableName TEXT, CreationDateTime INTEGER, LastDecreaseDate INTEGER, LastIncreaseDate INTEGER, NumberOfDecreasesToday INTEGER, ReadCapacityUnits INTEGER, WriteCapacityUnits INTEGER, TableInfo BLOB, PRIMARY KEY(TableName));',
  'CREATE TABLE IF NOT EXISTS sm (StreamID TEXT, StreamStatus TEXT, TableName TEXT, StreamInfo BLOB, CreationDateTime INTEGER, DeletionDateTime INTEGER, PRIMARY KEY(StreamID));',
  'CREATE TABLE IF NOT EXISTS ss (StreamID TEXT, ShardID TEXT, CreationDateTime INTEGER, DeletionDateTime INTEGER, InitialSequenceNumberStart INTEGER, SequenceNumberEnd INTEGER, ParentShardID TEXT, PRIMARY KEY(ShardID));',
  'CREATE TABLE IF NOT EXISTS tr (TransactionId TEXT, TransactionSignature BLOB, CreationDateTime INTEGER, PRIMARY KEY(TransactionId));',
  'CREATE TABLE IF NOT EXISTS us (StreamID TEXT, ShardID TEXT, SequenceNumber INTEGER, CreationDateTime INTEGER, StreamRecord BLOB, OperationType TEXT, PRIMARY KEY(SequenceNumber));',
];

/**
 * Its lookups of a stream's first record (`MIN(SequenceNumber) … WHERE StreamID = ?`), of a shard's last
 * (`MAX(SequenceNumber) … WHERE StreamID = ? AND ShardID = ?`), and of a shard's oldest record still kept
 * (`… WHERE ShardID = ? AND CreationDateTime >= ? ORDER BY SequenceNumber LIMIT 1`, by shard alone: without its
 * own index that walked every record of every earlier table on each read of the stream).
 */
const streamRecordIndexes = {
  us_stream_sequence: 'CREATE INDEX IF NOT EXISTS us_stream_sequence ON us (StreamID, SequenceNumber);',
  us_shard_sequence: 'CREATE INDEX IF NOT EXISTS us_shard_sequence ON us (StreamID, ShardID, SequenceNumber);',
  // CreationDateTime too, so the age check is answered from the index without reading each record's row.
  us_shard_sequence_created: 'CREATE INDEX IF NOT EXISTS us_shard_sequence_created ON us (ShardID, SequenceNumber, CreationDateTime);',
};

const require = createRequire(import.meta.url);

/** SQLite compiled to WebAssembly (no native build, no install script), loaded once. */
let sqlite: ReturnType<typeof initSqlJs> | undefined;
export const loadSqlite = () => (sqlite ??= initSqlJs({ locateFile: (file) => require.resolve(`sql.js/dist/${file}`) }));

/** Gives the database in `dataDir` (created when missing) the indexes on stream records by stream and shard. Run while DynamoDB Local is stopped. */
export async function indexStreamRecords(dataDir: string): Promise<void> {
  const SQL = await loadSqlite();
  const file = databaseFile(dataDir);
  const db = existsSync(file) ? new SQL.Database(readFileSync(file)) : new SQL.Database();
  try {
    const tables = new Set(db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]?.values.map(([name]) => String(name)) ?? []);
    if (tables.size === 0) {
      for (const statement of dynamoDbLocalSchema) db.run(statement);
      db.run('INSERT INTO cf (version) VALUES (?);', [schemaVersion]);
    } else if (!tables.has('us')) {
      // Not a database this module knows: leave it to DynamoDB Local.
      return;
    }
    const present = new Set(db.exec("SELECT name FROM sqlite_master WHERE type = 'index'")[0]?.values.map(([name]) => String(name)) ?? []);
    const missing = Object.entries(streamRecordIndexes).filter(([name]) => !present.has(name));
    if (missing.length === 0) return;
    for (const [, statement] of missing) db.run(statement);
    writeFileSync(file, db.export());
  } finally {
    db.close();
  }
}
