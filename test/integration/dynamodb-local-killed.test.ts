import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, it } from 'vitest';
import { ensurePortFree } from '../../infra/local/port-check.js';
import { projectRoot } from '../../infra/project-root.js';
import { javaOnPort, until } from '../support/spawned-stack.js';

const dynamoPort = Number(process.env.TEST_LOCAL_STACK_PORT_BASE ?? 8200) + 31;

/** The pids of the DynamoDB Local JVMs on a port. */
const javaPidsOnPort = (port: number) =>
  execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('DynamoDBLocal.jar') && line.includes(`-port ${port} `))
    .map((line) => Number.parseInt(line.trim(), 10));

// A JVM this test failed to see stopped must not hold the port for the rest of the run.
afterEach(() => {
  for (const pid of javaPidsOnPort(dynamoPort)) process.kill(pid, 'SIGKILL');
});

it('a Node process killed the instant it spawned DynamoDB Local leaves no JVM, port or scratch database behind', async () => {
  const run = spawn(join(projectRoot, 'node_modules/.bin/tsx'), ['test/support/killed-at-jvm-spawn.ts', String(dynamoPort)], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  run.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  run.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise((resolve) => run.once('exit', resolve));
  const spawned = JSON.parse(output.split('\n').find((line) => line.startsWith('['))!) as string[];
  const scratchDir = spawned[spawned.indexOf('-dbPath') + 1]!;

  await until(() => javaOnPort(dynamoPort) === '', 15_000, 'DynamoDB Local still running', () => output);
  await until(() => ensurePortFree(dynamoPort, 'test').then(() => true, () => false), 15_000, `port ${dynamoPort} still in use`);
  await until(() => !existsSync(scratchDir), 15_000, `scratch database ${scratchDir} still there`);
}, 40_000);
