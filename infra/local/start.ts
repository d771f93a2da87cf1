import { manifest } from '../manifest.js';
import { createLocalApi } from './http-server.js';
import { startLocalServices } from './local-stack.js';
import { LocalStackError } from './port-check.js';
import { ensurePortFree } from './port-check.js';
import { startLocalScheduler } from './scheduler.js';
import { startStreamPoller } from './stream-poller.js';
import { applyLocalEnvironment, localSettings } from './settings.js';

/**
 * `npm start`: DynamoDB Local, local SES, the HTTP API and the schedules, all
 * running the same handlers as AWS. `--in-memory` starts with an empty
 * database that is gone after Ctrl-C.
 */
const inMemory = process.argv.includes('--in-memory');
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const stops: Array<() => Promise<void> | void> = [];
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  for (const stop of stops.reverse()) await Promise.resolve(stop()).catch(() => undefined);
  process.exit(code);
}

async function main() {
  applyLocalEnvironment();
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const { httpPort, dynamoPort, sesPort, dataDir, tableName } = localSettings;
  await ensurePortFree(httpPort, 'the local API');

  const services = await startLocalServices({ dynamoPort, sesPort, tableName, dataDir: inMemory ? undefined : dataDir });
  stops.push(services.stop);
  log(`DynamoDB Local on ${services.dynamoEndpoint}, table ${tableName} ${services.tableStatus}${inMemory ? ' (in memory)' : ` (data in ${dataDir})`}`);
  log(`Sent mail: ${services.sesUrl}  (JSON at ${services.sesUrl}/store)`);

  const api = createLocalApi(manifest, log);
  await new Promise<void>((resolve) => api.listen(httpPort, resolve));
  stops.push(() => new Promise<void>((resolve) => {
    api.closeAllConnections();
    api.close(() => resolve());
  }));
  const scheduler = startLocalScheduler(manifest, log);
  stops.push(scheduler.stop);
  const poller = await startStreamPoller(manifest, { endpoint: services.dynamoEndpoint, tableName, log });
  stops.push(poller.stop);

  log(`API on http://localhost:${httpPort}  (try /health, /openapi.json)`);
  for (const line of scheduler.describe()) log(line);
  log('Admin token: npm run token -- --role admin   ·   Ctrl-C stops everything');
}

main().catch(async (error: unknown) => {
  console.error(error instanceof LocalStackError ? `Cannot start: ${error.message}` : error);
  await shutdown(1);
});
