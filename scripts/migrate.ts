import { applyLocalEnvironment } from '../infra/local/settings.js';

/**
 * `npm run migrate`: brings data written by older code to today's shape, on the
 * local stack's table (start it first) or, with `--aws`, on the table named by
 * TABLE_NAME in the account of your AWS credentials (set LINK_SIGNING_KEY_PARAMETER
 * from the stack too). Every migration is idempotent.
 */
if (!process.argv.includes('--aws')) applyLocalEnvironment();
const { migrations } = await import('./migrations/index.js');
for (const migration of migrations) {
  const { examined, changed } = await migration.run();
  console.log(`${migration.name}: ${changed} of ${examined} items changed`);
}
