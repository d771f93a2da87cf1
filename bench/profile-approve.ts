/**
 * The slowest request path, alone, for a CPU profile: approvals through the
 * local HTTP API in this process (handler, ElectroDB, document client), over
 * an in-memory DynamoDB Local on its own ports.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/approve-profile --import tsx bench/profile-approve.ts [--requests 100]
 *   npx tsx bench/profile-summary.ts /tmp/approve-profile/*.cpuprofile
 */
import type { AddressInfo } from 'node:net';

const requests = Number(process.argv[process.argv.indexOf('--requests') + 1] || 100);
const ports = { dynamo: Number(process.env.DYNAMODB_PORT ?? 8310), ses: Number(process.env.SES_PORT ?? 8315) };
const tableName = 'glokal-profile';
const { localEnvironment } = await import('../infra/local/settings.js');
Object.assign(process.env, localEnvironment({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: `http://127.0.0.1:${ports.dynamo}`, SES_ENDPOINT: `http://127.0.0.1:${ports.ses}`, POWERTOOLS_LOG_LEVEL: 'SILENT', LOG_LEVEL: 'SILENT' }));

const { startLocalServices } = await import('../infra/local/local-stack.js');
const { createLocalApi } = await import('../infra/local/http-server.js');
const { issueLocalToken } = await import('../infra/local/local-issuer.js');
const { manifest } = await import('../infra/manifest.js');
const { applicationDependencies } = await import('../shared/composition/applications.js');
const { submitApplicationBody } = await import('../shared/contracts/application-input.js');
const { submitApplication } = await import('../shared/domain/applications/submit-application.js');
const { verifyApplication } = await import('../shared/domain/applications/verify-application.js');
const { randomIds } = await import('../shared/platform/ids.js');
const { applicationBody } = await import('../test/support/organisations.js');

const services = await startLocalServices({ dynamoPort: ports.dynamo, sesPort: ports.ses, tableName });
const server = createLocalApi(manifest);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const token = await issueLocalToken({ role: 'admin' });

const ids: string[] = [];
for (let index = 0; index < requests; index += 1) {
  let verification = '';
  const recording = { newId: randomIds.newId, newToken: () => (verification = randomIds.newToken()) };
  ids.push((await submitApplication(submitApplicationBody.parse(applicationBody()), undefined, { ...applicationDependencies, ids: recording })).applicationId);
  await verifyApplication(verification, applicationDependencies);
}
const started = performance.now();
for (const id of ids) {
  const response = await fetch(`${base}/admin/applications/${id}/approve`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`approve: HTTP ${response.status}`);
}
console.log(`${requests} approvals in ${Math.round(performance.now() - started)} ms`);
server.closeAllConnections();
server.close();
await services.stop();
process.exit(0);
