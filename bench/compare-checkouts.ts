/**
 * Request latency of another checkout (before) and this one (after), measured
 * interleaved in one run: each checkout's local API runs in its own process
 * over its own table in one DynamoDB Local, and every request goes to both,
 * which goes first alternating, so both see the same machine load. Ratios
 * after ÷ before are then about the code, not about the neighbours. Each
 * side's CPU time per request is measured too: on a busy machine it is the
 * steadier figure.
 *
 *   npx tsx bench/compare-checkouts.ts --before /path/to/other/checkout [--requests 200]
 *
 * Ports: DYNAMODB_PORT (8300), SES_PORT (8305), PORT (sides on PORT+1 and PORT+2, default 3300).
 * The other checkout needs its node_modules (a symlink to this one's will do).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from '../infra/project-root.js';

const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const beforeRoot = resolve(argument('--before') ?? '');
const requests = Number(argument('--requests') ?? 200);
if (!argument('--before')) throw new Error('Usage: npx tsx bench/compare-checkouts.ts --before /path/to/other/checkout [--requests 200]');
const ports = { dynamo: Number(process.env.DYNAMODB_PORT ?? 8300), ses: Number(process.env.SES_PORT ?? 8305), base: Number(process.env.PORT ?? 3300) };
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// The driver builds request bodies with the test helpers, which read the configuration.
const { localEnvironment } = await import('../infra/local/settings.js');
Object.assign(process.env, localEnvironment({ TABLE_NAME: 'glokal-compare', DYNAMODB_ENDPOINT: `http://127.0.0.1:${ports.dynamo}`, SES_ENDPOINT: `http://127.0.0.1:${ports.ses}`, POWERTOOLS_LOG_LEVEL: 'SILENT', LOG_LEVEL: 'SILENT' }));
const { startLocalServices } = await import('../infra/local/local-stack.js');
const services = await startLocalServices({ dynamoPort: ports.dynamo, sesPort: ports.ses, tableName: 'glokal-compare' });

interface Side {
  name: string;
  child: ChildProcess;
  lines: AsyncIterator<string>;
  port: number;
  token: string;
  approveIds: string[];
  samples: Record<string, number[]>;
  cpuMs: Record<string, number>;
}

async function startSide(name: string, root: string, port: number): Promise<Side> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(projectRoot, 'bench/compare-side.ts')], {
    cwd: root,
    env: {
      ...process.env,
      ROOT: root,
      SIDE_PORT: String(port),
      TABLE_NAME: `glokal-compare-${name}`,
      DYNAMODB_ENDPOINT: `http://127.0.0.1:${ports.dynamo}`,
      SES_ENDPOINT: `http://127.0.0.1:${ports.ses}`,
      APPROVALS: String(requests + 10),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const ready = await lines.next();
  if (ready.done) throw new Error(`${name}: the side stopped before it was ready`);
  return { name, child, lines, samples: {}, cpuMs: {}, ...(JSON.parse(ready.value) as { port: number; token: string; approveIds: string[] }) };
}

/** The CPU time a side has used so far (it answers SIGUSR2 with one line). */
async function cpuOf(side: Side): Promise<number> {
  side.child.kill('SIGUSR2');
  const line = await side.lines.next();
  if (line.done) throw new Error(`${side.name}: the side stopped`);
  return (JSON.parse(line.value) as { cpuMs: number }).cpuMs;
}

// Whatever happens, the sides and the services stop with the run.
const started: Side[] = [];
try {
  started.push(await startSide('before', beforeRoot, ports.base + 1));
  started.push(await startSide('after', projectRoot, ports.base + 2));
  const sides = started as [Side, Side];
  const { applicationBody } = await import('../test/support/organisations.js');
  const routes: Record<string, (side: Side) => Promise<Response>> = {
    'GET /health (baseline)': (side) => fetch(`http://127.0.0.1:${side.port}/health`),
    'POST /applications': (side) =>
      fetch(`http://127.0.0.1:${side.port}/applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(applicationBody()) }),
    'POST /admin/applications/{id}/approve': (side) =>
      fetch(`http://127.0.0.1:${side.port}/admin/applications/${side.approveIds.pop()}/approve`, { method: 'POST', headers: { authorization: `Bearer ${side.token}` } }),
  };

  // Per route: 10 warm-up rounds (like a warm Lambda), then `requests` measured rounds, with each side's CPU time around them.
  for (const [route, request] of Object.entries(routes)) {
    const cpuAtStart: number[] = [];
    for (let round = 0; round < requests + 10; round += 1) {
      if (round === 10) for (const side of sides) cpuAtStart.push(await cpuOf(side));
      for (const side of round % 2 ? [...sides] : [...sides].reverse()) {
        const sentAt = performance.now();
        const response = await request(side);
        await response.arrayBuffer();
        if (response.status >= 400) throw new Error(`${side.name} ${route}: HTTP ${response.status}`);
        if (round >= 10) (side.samples[route] ??= []).push(performance.now() - sentAt);
      }
    }
    for (const [index, side] of sides.entries()) side.cpuMs[route] = ((await cpuOf(side)) - cpuAtStart[index]!) / requests;
  }

  const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
  const fixed = (value: number) => value.toFixed(2);
  const [before, after] = sides;
  const health = (side: Side) => percentile(side.samples['GET /health (baseline)']!, 50);
  const lines = [
    `Interleaved: ${requests} requests per route and checkout, after 10 warm-up; before = ${beforeRoot}, after = ${projectRoot}.`,
    '',
    '| route | p50 ms before → after | after ÷ before (p50) | p95 ms before → after | p50 ÷ /health p50, before → after | CPU ms per request before → after |',
    '|---|---:|---:|---:|---:|---:|',
    ...Object.keys(routes).map((route) => {
      const [b, a] = [before.samples[route]!, after.samples[route]!];
      return `| ${route} | ${fixed(percentile(b, 50))} → ${fixed(percentile(a, 50))} | ${fixed(percentile(a, 50) / percentile(b, 50))} | ${fixed(percentile(b, 95))} → ${fixed(percentile(a, 95))} | ${fixed(percentile(b, 50) / health(before))} → ${fixed(percentile(a, 50) / health(after))} | ${fixed(before.cpuMs[route]!)} → ${fixed(after.cpuMs[route]!)} |`;
    }),
  ];
  console.log(lines.join('\n'));
} finally {
  for (const side of started) side.child.kill('SIGTERM');
  await services.stop();
}
process.exit(0);
