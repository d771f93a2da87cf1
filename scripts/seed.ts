import { localDynamoClient } from '../infra/local/local-stack.js';
import { ensureTable } from '../infra/local/ensure-table.js';
import { applyLocalEnvironment } from '../infra/local/settings.js';

/**
 * `npm run seed`: Lower Silesian demo data on the local stack's table (start
 * `npm start` first), the same for the same `--seed`; running it again
 * with the same seed writes the same items and creates no second event or call.
 *
 *   npm run seed                                      500 members, 1,500 contacts, seed 1
 *   npm run seed -- --members 2000 --contacts 10000   bigger, for the bench
 *   npm run seed -- --seed 7                          other organisations and people
 *   npm run seed -- --endpoint http://127.0.0.1:8000 --table glokal-local
 *                                                     another DynamoDB or table (DYNAMODB_PORT and TABLE_NAME work too, as for npm start)
 */
const argument = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const count = (name: string, fallback: number) => {
  const value = Number(argument(name) ?? fallback);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, not ${argument(name)}`);
  return value;
};

const endpoint = argument('endpoint');
const table = argument('table');
if (endpoint) process.env.DYNAMODB_ENDPOINT = endpoint;
if (table) process.env.TABLE_NAME = table;
applyLocalEnvironment();

const shape = { seed: count('seed', 1), members: count('members', 500), contacts: count('contacts', 1500) };
if (shape.contacts < shape.members) throw new Error('every member has at least one contact: --contacts must be at least --members');

// The table as npm start makes it, in case this DynamoDB has none yet.
const client = localDynamoClient(process.env.DYNAMODB_ENDPOINT!);
try {
  await ensureTable(client, process.env.TABLE_NAME!);
} catch (error) {
  console.error(`No DynamoDB at ${process.env.DYNAMODB_ENDPOINT}: start the local stack first (npm start). ${(error as Error).message}`);
  process.exit(1);
} finally {
  client.destroy();
}

const started = performance.now();
const { seedDemoData } = await import('./seed-writer.js');
await seedDemoData(shape, (line) => console.log(line));
console.log(`Seeded ${process.env.TABLE_NAME} at ${process.env.DYNAMODB_ENDPOINT} in ${Math.round((performance.now() - started) / 100) / 10} s.`);
process.exit(0);
