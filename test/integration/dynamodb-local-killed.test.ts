import { existsSync } from 'node:fs';
import { afterEach, it } from 'vitest';
import { ensurePortFree } from '../../infra/local/port-check.js';
import { javaOnPort, javaPidsOnPort, spawnScript, until } from '../support/spawned-stack.js';

const dynamoPort = Number(process.env.TEST_LOCAL_STACK_PORT_BASE ?? 8200) + 31;

// A JVM this test failed to see stopped must not hold the port for the rest of the run.
afterEach(() => {
  for (const pid of javaPidsOnPort(dynamoPort)) process.kill(pid, 'SIGKILL');
});

it('a Node process killed the instant it spawned DynamoDB Local leaves no JVM, port or scratch database behind', async () => {
  const run = spawnScript('test/support/killed-at-jvm-spawn.ts', [String(dynamoPort)]);
  await run.exited;
  const spawned = JSON.parse(run.output().split('\n').find((line) => line.startsWith('['))!) as string[];
  const scratchDir = spawned[spawned.indexOf('-dbPath') + 1]!;

  await until(() => javaOnPort(dynamoPort) === '', 15_000, 'DynamoDB Local still running', run.output);
  await until(() => ensurePortFree(dynamoPort, 'test').then(() => true, () => false), 15_000, `port ${dynamoPort} still in use`);
  await until(() => !existsSync(scratchDir), 15_000, `scratch database ${scratchDir} still there`);
}, 40_000);
