import { startLocalServices } from '../../infra/local/local-stack.js';
import { testPorts } from './test-environment.js';

/** Starts DynamoDB Local (in memory) and local SES once for the whole integration run. */
export default async function setup() {
  const services = await startLocalServices({
    dynamoPort: testPorts.dynamo,
    sesPort: testPorts.ses,
    // Each test file creates its own table (test/support/table-per-file.ts); this one proves the definition.
    tableName: 'glokal-test-definition',
  });
  return () => services.stop();
}
