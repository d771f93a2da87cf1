import { join } from 'node:path';
import { manifest } from '../manifest.js';
import { createLocalEventBus, serveEventBus } from './event-bus.js';
import { createLocalApi } from './http-server.js';
import { startLocalServices } from './local-stack.js';
import { ensurePortFree, LocalStackError, StartInterrupted } from './port-check.js';
import { startLocalScheduler } from './scheduler.js';
import { Scope } from './scope.js';
import { fileCheckpoints, memoryCheckpoints, startStreamPoller } from './stream-poller.js';
import { applyLocalEnvironment, localEnvironment, localSettings } from './settings.js';

/**
 * `npm start`: DynamoDB Local, local SES, the HTTP API, the schedules, the
 * table stream and the event bus, all running the same handlers as AWS.
 * `--in-memory` starts with an empty database that is gone after Ctrl-C.
 *
 * Everything started is registered in one scope the moment it exists, so
 * Ctrl-C (or SIGTERM) at any moment of start-up stops exactly what runs.
 */
const inMemory = process.argv.includes('--in-memory');
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const scope = new Scope();
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await scope.close();
  process.exit(code);
}

// Before anything is started: a signal during start-up must find the handlers in place.
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

/** Variables that move the local stack itself rather than the handlers' environment. */
const stackVariables = ['PORT', 'DYNAMODB_PORT', 'SES_PORT', 'EVENT_BUS_PORT', 'TABLE_NAME', 'LOCAL_DATA_DIR', 'JAVA_BIN'];
const secret = /SECRET|PASSWORD|TOKEN|SESSION|KEY/i;

/**
 * The settings this shell sets: they win over the local stack's own values
 * (an exported AWS_REGION or MAIL_SEND_RATE silently changes what the
 * handlers do), so start-up names them. Secret-looking values are not shown.
 */
function settingsFromShell(environment: NodeJS.ProcessEnv = process.env): string[] {
  const names = [...new Set([...stackVariables, ...Object.keys(localEnvironment())])];
  return names.filter((name) => environment[name] !== undefined).map((name) => (secret.test(name) ? `${name}=(set)` : `${name}=${environment[name]}`));
}

async function main() {
  const fromShell = settingsFromShell();
  applyLocalEnvironment();
  if (fromShell.length > 0) log(`From your shell (these win over the local stack's own settings): ${fromShell.join(', ')}`);
  const { httpPort, dynamoPort, sesPort, eventBusPort, dataDir, tableName } = localSettings;
  await ensurePortFree(httpPort, 'the local API');
  await ensurePortFree(eventBusPort, 'the local event bus');

  const services = await startLocalServices({ dynamoPort, sesPort, tableName, dataDir: inMemory ? undefined : dataDir, scope });
  log(`DynamoDB Local on ${services.dynamoEndpoint}, table ${tableName} ${services.tableStatus}${inMemory ? ' (in memory)' : ` (data in ${dataDir})`}`);
  log(`Sent mail: ${services.sesUrl}  (JSON at ${services.sesUrl}/store)`);

  const api = createLocalApi(manifest, log);
  await new Promise<void>((resolve) => api.listen(httpPort, resolve));
  scope.defer(
    () =>
      new Promise<void>((resolve) => {
        api.closeAllConnections();
        api.close(() => resolve());
      }),
  );
  const scheduler = startLocalScheduler(manifest, log);
  scope.defer(scheduler.stop);
  const bus = createLocalEventBus(manifest, { log });
  const busEndpoint = await serveEventBus(bus, eventBusPort);
  scope.defer(busEndpoint.stop);
  scope.defer(bus.stop);
  const poller = await startStreamPoller(manifest, {
    endpoint: services.dynamoEndpoint,
    tableName,
    log,
    checkpoints: inMemory ? memoryCheckpoints() : fileCheckpoints(join(dataDir, 'stream-checkpoints.json')),
  });
  scope.defer(poller.stop);
  if (scope.closed) return;

  log(`API on http://localhost:${httpPort}  (try /health, /openapi.json)`);
  for (const line of scheduler.describe()) log(line);
  log(`Event bus on ${busEndpoint.url}  (npm run event -- events/ses/bounce.json)`);
  for (const line of bus.describe()) log(`  rule ${line}`);
  log('Admin token: npm run token -- --role admin   ·   Ctrl-C stops everything');
}

main().catch(async (error: unknown) => {
  // Ctrl-C during start-up makes the steps still running fail; that is not worth a message.
  if (stopping || error instanceof StartInterrupted) return;
  console.error(error instanceof LocalStackError ? `Cannot start: ${error.message}` : error);
  await shutdown(1);
});
