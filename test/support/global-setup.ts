import { startLocalServices, type LocalServices } from '../../infra/local/local-stack.js';
import { testPorts } from './test-environment.js';

// The integration and e2e projects both declare this setup; one set of services serves both.
const shared = globalThis as { glokalServices?: Promise<LocalServices>; glokalServiceUsers?: number };

/** Starts DynamoDB Local (in memory) and local SES once for the whole run. */
export default async function setup() {
  shared.glokalServices ??= startLocalServices({
    dynamoPort: testPorts.dynamo,
    sesPort: testPorts.ses,
    // Each test file creates its own table (test/support/table-per-file.ts); this one proves the definition.
    tableName: 'glokal-test-definition',
  });
  shared.glokalServiceUsers = (shared.glokalServiceUsers ?? 0) + 1;
  await shared.glokalServices;
  return async () => {
    shared.glokalServiceUsers! -= 1;
    if (shared.glokalServiceUsers === 0) await (await shared.glokalServices!).stop();
  };
}
