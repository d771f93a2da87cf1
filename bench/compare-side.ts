/**
 * One side of `bench/compare-checkouts.ts`: the local API of the checkout at
 * ROOT (its own handlers, adapters and manifest) on SIDE_PORT, over its own
 * table in the shared DynamoDB Local, with SUBMITTED applications ready to be
 * approved. Prints one JSON line when ready; SIGTERM stops it.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.env.ROOT!;
const load = (path: string) => import(pathToFileURL(join(root, path)).href);
const tableName = process.env.TABLE_NAME!;
const endpoint = process.env.DYNAMODB_ENDPOINT!;

const { localEnvironment } = await load('infra/local/settings.ts');
Object.assign(process.env, localEnvironment({ TABLE_NAME: tableName, DYNAMODB_ENDPOINT: endpoint, SES_ENDPOINT: process.env.SES_ENDPOINT!, POWERTOOLS_LOG_LEVEL: 'SILENT', LOG_LEVEL: 'SILENT' }));
const { ensureTable } = await load('infra/local/ensure-table.ts');
const { localDynamoClient } = await load('infra/local/local-stack.ts');
await ensureTable(localDynamoClient(endpoint), tableName);
const { createLocalApi } = await load('infra/local/http-server.ts');
const { manifest } = await load('infra/manifest.ts');
const { issueLocalToken } = await load('infra/local/local-issuer.ts');
const api = createLocalApi(manifest);
await new Promise<void>((resolve) => api.listen(Number(process.env.SIDE_PORT), '127.0.0.1', resolve));

// Each approve request decides its own application, made here through the checkout's use cases.
const { applicationBody } = await load('test/support/organisations.ts');
// Composition roots arrived after the entity layer; an older checkout wires its adapters here.
const { applicationDependencies } = await load('shared/composition/applications.ts').catch(() => load('shared/adapters/application-dependencies.ts'));
const { submitApplication } = await load('shared/domain/applications/submit-application.ts');
const { verifyApplication } = await load('shared/domain/applications/verify-application.ts');
const { submitApplicationBody } = await load('shared/contracts/application-input.ts');
const { randomIds } = await load('shared/platform/ids.ts');
const approveIds: string[] = [];
for (let index = 0; index < Number(process.env.APPROVALS); index += 1) {
  let token = '';
  const ids = { newId: randomIds.newId, newToken: () => (token = randomIds.newToken()) };
  const { applicationId } = await submitApplication(submitApplicationBody.parse(applicationBody()), undefined, { ...applicationDependencies, ids });
  await verifyApplication(token, applicationDependencies);
  approveIds.push(applicationId);
}

// SIGUSR2: the CPU time this process has used so far, one JSON line (the driver takes it before and after each route).
process.on('SIGUSR2', () => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpuMs: (user + system) / 1000 })}\n`);
});
process.on('SIGTERM', () => {
  api.closeAllConnections();
  api.close(() => process.exit(0));
});
process.stdout.write(`${JSON.stringify({ port: (api.address() as AddressInfo).port, token: await issueLocalToken({ role: 'admin' }), approveIds })}\n`);
