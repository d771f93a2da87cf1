/**
 * `npm run bench`: cold start, request overhead, grant reminder scaling,
 * invitation fan-out and RSVP contention, each against a baseline measured in
 * the same run on the same machine, and the monthly cost from what it
 * counted. Writes bench/RESULTS.md (everything above its hand-written notes)
 * and bench/COST.md. Runs on its own ports, with an in-memory DynamoDB Local.
 *
 *   npm run bench                      the issue's sizes (under 15 minutes on 2 cores)
 *   npm run bench -- --small           every part at a tenth of the size, for a quick look
 *   PORT=19140 DYNAMODB_PORT=19141 SES_PORT=19142 npm run bench    other ports
 *   BENCH_RESULTS=/tmp/r.md BENCH_COST=/tmp/c.md npm run bench     write elsewhere
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

const small = process.argv.includes('--small');
const ports = { api: Number(process.env.PORT ?? 0), dynamo: Number(process.env.DYNAMODB_PORT ?? 8300), ses: Number(process.env.SES_PORT ?? 8305) };
const tableName = 'glokal-bench';
const { localEnvironment } = await import('../infra/local/settings.js');
const { volumeEnvironment } = await import('../test/support/volume-environment.js');
// The local stack's environment on the bench's own ports and table, with the send rate lifted for the fan-out (as the volume tests do).
Object.assign(
  process.env,
  localEnvironment({
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${ports.dynamo}`,
    SES_ENDPOINT: `http://127.0.0.1:${ports.ses}`,
    SES_PORT: String(ports.ses),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    LOG_LEVEL: 'SILENT',
    ...volumeEnvironment,
  }),
);

const sizes = {
  requests: small ? 20 : 200,
  contention: { accepts: 200, seats: 50 },
  // The plain SES loop is a rate: 1,000 sends measure it as well as 5,000, and keep local SES's store (which the fan-out's check reads whole) small.
  fanOut: { contacts: small ? 500 : 5_000, plainSends: small ? 500 : 1_000, oneByOne: small ? 100 : 500 },
  grants: { contacts: (small ? [100, 1_000] : [1_000, 10_000]) as [number, number], calls: 200, dueCalls: 2 },
  initRuns: small ? 5 : 20,
};

const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
const startedAt = new Date();
const uptimeAtStart = uptime();
const clock = performance.now();
const log = (line: string) => console.log(`[${Math.round((performance.now() - clock) / 1000)} s] ${line}`);

const { startLocalServices } = await import('../infra/local/local-stack.js');
const { createLocalApi } = await import('../infra/local/http-server.js');
const { issueLocalToken } = await import('../infra/local/local-issuer.js');
const { projectRoot } = await import('../infra/project-root.js');
const { measureRequestOverhead } = await import('./request-overhead.js');
const { measureRsvpContention } = await import('./rsvp-contention.js');
const { measureInvitationFanOut } = await import('./invitation-fan-out.js');
const { measureGrantScaling } = await import('./grant-scaling.js');
const { measureIdleWork } = await import('./idle-work.js');
const { measuredUnits } = await import('./units.js');
const { resultsReport } = await import('./report.js');

const services = await startLocalServices({ dynamoPort: ports.dynamo, sesPort: ports.ses, tableName });
const server = createLocalApi((await import('../infra/manifest.js')).manifest);
await new Promise<void>((resolve) => server.listen(ports.api, '127.0.0.1', resolve));
const api = { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, adminToken: await issueLocalToken({ role: 'admin' }) };

// Idle work first, while nothing is pending: a sweep with nothing to send is its figure, and later parts leave mail unsent (no stream consumers run for them) that it would otherwise have to send first.
log('idle work: the mailer sweep, administrator reads');
const idle = await measureIdleWork(api);
log(`request overhead, ${sizes.requests} requests per route`);
const overhead = await measureRequestOverhead(api, sizes.requests);
log(`RSVP contention, ${sizes.contention.accepts} accepts for ${sizes.contention.seats} seats`);
const contention = await measureRsvpContention(api, sizes.contention);
log(`invitation fan-out to ${sizes.fanOut.contacts} contacts`);
const fanOut = await measureInvitationFanOut(api, sizes.fanOut);
log(`grant reminder scaling over ${sizes.grants.contacts.join(' and ')} contacts, ${sizes.grants.calls} calls`);
const grants = await measureGrantScaling(sizes.grants);

server.closeAllConnections();
server.close();
await services.stop();

// Init time needs no services: measured after they stopped, so the bench's own DynamoDB Local does not compete.
log(`cold start: every function's bundle, ${sizes.initRuns} fresh processes each`);
const { measureInitTimes } = await import('./init-time.js');
const [initTimes] = await measureInitTimes(undefined, { runs: sizes.initRuns, parallel: 2 });
log('stack inventory (synthesised template) and cost');
const { stackInventory } = await import('./stack-inventory.js');
const stack = stackInventory();
const { costReport } = await import('./cost-model.js');
const units = measuredUnits({ overhead, contention, fanOut, grants, idle });
const command = `npm run bench${small ? ' -- --small' : ''}`;
const cost = costReport(units, stack, { date: startedAt.toISOString().slice(0, 10), command });

const minutes = (performance.now() - clock) / 60_000;
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}`;
const generated = resultsReport({ startedAt, machine, command, minutes, uptimeAtStart, uptimeAtEnd: uptime(), overhead, contention, fanOut, grants, initTimes: initTimes!, sizes });

// Notes and before/after records below this line are kept from run to run.
const keptMarker = '<!-- Kept by npm run bench: everything below is written by hand. -->';
const resultsFile = process.env.BENCH_RESULTS ?? join(projectRoot, 'bench', 'RESULTS.md');
const previous = join(projectRoot, 'bench', 'RESULTS.md');
const kept = existsSync(previous) ? readFileSync(previous, 'utf8').split(keptMarker)[1] : undefined;
writeFileSync(resultsFile, [generated, ...(kept === undefined ? [] : [keptMarker + kept.replace(/\n$/, '')])].join('\n'));
writeFileSync(process.env.BENCH_COST ?? join(projectRoot, 'bench', 'COST.md'), cost);
console.log(generated);
console.log(cost);
log(`done in ${minutes.toFixed(1)} minutes`);
process.exit(0);
