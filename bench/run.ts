/**
 * `npm run bench`: the numbers that matter for users, each as a ratio against
 * a baseline measured in the same run on the same machine, written to
 * bench/RESULTS.md. Runs on its own ports, with an in-memory DynamoDB Local.
 */
import { cpus } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

// Movable (PORT, DYNAMODB_PORT, SES_PORT), so two runs can share a machine.
const ports = { api: Number(process.env.PORT ?? 0), dynamo: Number(process.env.DYNAMODB_PORT ?? 8300), ses: Number(process.env.SES_PORT ?? 8305) };
const tableName = 'glokal-bench';
const { localEnvironment } = await import('../infra/local/settings.js');
// The local stack's environment, on the bench's own ports and table.
Object.assign(
  process.env,
  localEnvironment({
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${ports.dynamo}`,
    SES_ENDPOINT: `http://127.0.0.1:${ports.ses}`,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    LOG_LEVEL: 'SILENT',
  }),
);

const { startLocalServices } = await import('../infra/local/local-stack.js');
const { createLocalApi } = await import('../infra/local/http-server.js');
const { issueLocalToken } = await import('../infra/local/local-issuer.js');
const { manifest } = await import('../infra/manifest.js');
const { projectRoot } = await import('../infra/project-root.js');
const { bundleFunction } = await import('../infra/bundling.js');

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

// The same valid, unique applications the integration tests send.
const { applicationBody: application } = await import('../test/support/organisations.js');

const services = await startLocalServices({ dynamoPort: ports.dynamo, sesPort: ports.ses, tableName });
const api = createLocalApi(manifest);
await new Promise<void>((resolve) => api.listen(ports.api, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
const token = await issueLocalToken({ role: 'admin' });

async function timeRequests(label: string, count: number, request: () => Promise<Response>) {
  const durations: number[] = [];
  for (let index = 0; index < 10; index += 1) await (await request()).arrayBuffer(); // warm the handler, like a warm Lambda
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    const response = await request();
    await response.arrayBuffer();
    if (response.status >= 400) throw new Error(`${label}: HTTP ${response.status}`);
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  return { label, p50: percentile(durations, 50), p95: percentile(durations, 95) };
}

const requests = 200;
const latency = [
  await timeRequests('GET /health (baseline)', requests, () => fetch(`${base}/health`)),
  await timeRequests('GET /apply', requests, () => fetch(`${base}/apply`)),
  await timeRequests('POST /applications', requests, () =>
    fetch(`${base}/applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(application()) }),
  ),
  await timeRequests('GET /admin/applications (25 per page)', requests, () =>
    fetch(`${base}/admin/applications?status=PENDING_VERIFICATION`, { headers: { authorization: `Bearer ${token}` } }),
  ),
];

// Approve: each request decides its own SUBMITTED application, made beforehand through the use cases.
const { applicationDependencies } = await import('../shared/composition/applications.js');
const { submitApplication } = await import('../shared/domain/applications/submit-application.js');
const { verifyApplication } = await import('../shared/domain/applications/verify-application.js');
const { submitApplicationBody } = await import('../shared/contracts/application-input.js');
const { randomIds } = await import('../shared/platform/ids.js');
async function submittedApplicationIds(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    let token = '';
    const recordingIds = { newId: randomIds.newId, newToken: () => (token = randomIds.newToken()) };
    const { applicationId } = await submitApplication(submitApplicationBody.parse(application()), undefined, { ...applicationDependencies, ids: recordingIds });
    await verifyApplication(token, applicationDependencies);
    ids.push(applicationId);
  }
  return ids;
}
const toApprove = await submittedApplicationIds(requests + 10);
latency.push(
  await timeRequests('POST /admin/applications/{id}/approve', requests, () =>
    fetch(`${base}/admin/applications/${toApprove.pop()}/approve`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }),
  ),
);

// Mailer: the same 150 messages, delivered one at a time (baseline) and as the stream handler does (5 in flight).
const { queue } = await import('../test/support/outbox-helpers.js');
const { deliveryDependencies } = await import('../shared/composition/mail.js');
const { deliverMessage } = await import('../shared/domain/mail/deliver-message.js');
const { mapWithConcurrency } = await import('../shared/platform/concurrency.js');
const { templates } = await import('../shared/email/templates/index.js');
const deps = { ...deliveryDependencies, rateLimiter: { acquire: async () => undefined } };

async function queueMessages(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const message = { to: `mail-${index}-${Math.random().toString(36).slice(2)}@example.test`, lang: 'pl', template: 'event-invitation', data: templates['event-invitation'].sample } as const;
    ids.push(await queue(message, new Date(Date.now() - 1000)));
  }
  return ids;
}

async function timeDelivery(label: string, concurrency: number, count: number) {
  const ids = await queueMessages(count);
  const started = performance.now();
  await mapWithConcurrency(ids, concurrency, (id) => deliverMessage(id, deps));
  const seconds = (performance.now() - started) / 1000;
  return { label, perSecond: count / seconds };
}

const mailCount = 150;
const mailer = [await timeDelivery('one at a time (baseline)', 1, mailCount), await timeDelivery('stream handler, 5 in flight', 5, mailCount)];

// Bundles: what each Lambda loads at cold start, built as the CDK stack builds it.
const bundles: Array<{ name: string; kb: number }> = [];
for (const fn of manifest) {
  bundles.push({ name: fn.name, kb: (await bundleFunction(fn.entry)).length / 1024 });
}
const smallest = Math.min(...bundles.map((bundle) => bundle.kb));

api.closeAllConnections();
api.close();
await services.stop();

// Init time needs no services: measured after they stopped, so the bench's own DynamoDB Local does not compete.
const { measureInitTimes, initTimeTable } = await import('./init-time.js');
const [initTimes] = await measureInitTimes();

const baselineLatency = latency[0]!.p50;
const lines = [
  '# Benchmark results',
  '',
  `Produced by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}.`,
  'Every figure is relative to a baseline measured in the same run, against DynamoDB Local and local SES on this machine;',
  'absolute times on Lambda and DynamoDB differ, the ratios show where the work is.',
  '',
  `## Request latency through the local API (${requests} sequential requests each, after 10 warm-up)`,
  '',
  '| route | p50 ms | p95 ms | p50 ÷ baseline p50 |',
  '|---|---:|---:|---:|',
  ...latency.map((row) => `| ${row.label} | ${round(row.p50)} | ${round(row.p95)} | ${round(row.p50 / baselineLatency)} |`),
  '',
  `## Mailer throughput (${mailCount} invitation emails, send-rate limit off)`,
  '',
  '| delivery | emails/s | ÷ baseline |',
  '|---|---:|---:|',
  ...mailer.map((row) => `| ${row.label} | ${round(row.perSecond, 1)} | ${round(row.perSecond / mailer[0]!.perSecond)} |`),
  '',
  '## Bundle size per function (minified ESM, node24, as deployed)',
  '',
  '| function | KiB | ÷ smallest |',
  '|---|---:|---:|',
  ...bundles.sort((a, b) => b.kb - a.kb).map((row) => `| ${row.name} | ${round(row.kb, 1)} | ${round(row.kb / smallest)} |`),
  '',
  '## Init time per function (module load of the deployed bundle; median of 21 fresh `node` processes, Lambda-like environment, tracing on)',
  '',
  'CPU time of the import against a bundle that only creates the same SDK clients (`bench/baselines/`); `npx tsx bench/init-time.ts` measures only this.',
  '',
  ...initTimeTable(initTimes!),
  '',
];
// Notes and before/after records below this line are kept from run to run.
const keptMarker = '<!-- Kept by npm run bench: everything below is written by hand. -->';
const resultsFile = join(projectRoot, 'bench', 'RESULTS.md');
const kept = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8').split(keptMarker)[1] : undefined;
if (kept !== undefined) lines.push(keptMarker + kept.replace(/\n$/, ''));
// BENCH_RESULTS writes elsewhere (e.g. to compare two runs without touching the committed file).
writeFileSync(process.env.BENCH_RESULTS ?? join(projectRoot, 'bench', 'RESULTS.md'), lines.join('\n'));
console.log(lines.join('\n'));
process.exit(0);
