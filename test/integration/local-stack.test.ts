import { afterEach, describe, expect, it } from 'vitest';
import { ensurePortFree } from '../../infra/local/port-check.js';
import { javaOnPort, signalGroup, spawnLocalStack, until, type SpawnedStack } from '../support/spawned-stack.js';

const portBase = Number(process.env.TEST_LOCAL_STACK_PORT_BASE ?? 8200);
const ports = { PORT: String(portBase - 4299), DYNAMODB_PORT: String(portBase + 1), SES_PORT: String(portBase + 5), EVENT_BUS_PORT: String(portBase + 9) };

/** `npm start -- --in-memory` in its own process group, as a terminal runs it (Ctrl-C goes to the whole group). */
function startLocalStack(extraEnv: Record<string, string> = {}): SpawnedStack {
  const run = spawnLocalStack({ ...ports, ...extraEnv }, ['--in-memory']);
  started.push(run);
  return run;
}

/** Ctrl-C in a terminal: SIGINT to every process of the foreground group. */
const ctrlC = (run: SpawnedStack) => process.kill(-run.child.pid!, 'SIGINT');

const javaOnStackPort = () => javaOnPort(Number(ports.DYNAMODB_PORT));

const portIsFree = (port: string) => ensurePortFree(Number(port), 'test').then(() => true, () => false);

/** Nothing of the stack remains: no DynamoDB Local JVM on its port, every port free (waited for with a deadline). */
async function expectNothingLeft(output: () => string = () => '') {
  await until(async () => javaOnStackPort() === '', 15_000, 'DynamoDB Local still running', output);
  for (const port of Object.values(ports)) await until(() => portIsFree(port), 15_000, `port ${port} still in use`, output);
}

const started: SpawnedStack[] = [];
/** A test that failed halfway must not leave its stack to the next one: kill what is left, then wait for the ports. */
afterEach(async () => {
  const leftovers = started.splice(0).filter(({ child }) => child.exitCode === null && child.signalCode === null);
  for (const stack of leftovers) signalGroup(stack, 'SIGKILL');
  if (leftovers.length > 0) await expectNothingLeft();
}, 30_000);

describe('npm start', () => {
  it('answers /health, names the settings taken from the shell, refuses a second start in one line, and leaves nothing behind after Ctrl-C', async () => {
    const first = startLocalStack({ MAIL_SEND_RATE: '3', AWS_SECRET_ACCESS_KEY: 'from-the-shell' });
    const startedAt = Date.now();
    let healthy = false;
    // 20 s on an idle machine; a shared, busy one needs more.
    while (!healthy && Date.now() - startedAt < 45_000) {
      healthy = await fetch(`http://127.0.0.1:${ports.PORT}/health`).then((r) => r.status === 200, () => false);
      if (!healthy) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(healthy, first.output()).toBe(true);
    // The API may answer a moment before the last start-up lines are printed.
    const bannerBy = Date.now() + 10_000;
    while (!first.output().includes('Event bus on') && Date.now() < bannerBy) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(first.output()).toContain(`http://localhost:${ports.SES_PORT}`);
    expect(first.output()).toContain(`Event bus on http://localhost:${ports.EVENT_BUS_PORT}`);
    expect(first.output()).toMatch(/From your shell .*MAIL_SEND_RATE=3/);
    expect(first.output()).toContain('AWS_SECRET_ACCESS_KEY=(set)');
    expect(first.output()).not.toContain('from-the-shell');
    const java = javaOnStackPort();
    expect(java).not.toBe('');
    expect(java).toContain('-disableTelemetry');

    const second = startLocalStack();
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/Cannot start: Port \d+ .* is already in use/);
    expect(second.output()).not.toMatch(/\n\s+at /);

    ctrlC(first);
    expect(await first.exited).toBe(0);
    await expectNothingLeft(first.output);
  }, 90_000);

  describe('Ctrl-C (or SIGTERM) at any moment of start-up leaves nothing running', () => {
    it.each([300, 1500, 3000])('Ctrl-C %i ms after start', async (delayMs) => {
      const run = startLocalStack();
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      ctrlC(run);
      await run.exited;
      await expectNothingLeft(run.output);
    }, 60_000);

    it('Ctrl-C while Java is still coming up', async () => {
      const run = startLocalStack();
      await until(() => javaOnStackPort() !== '', 40_000, 'Java did not start', run.output);
      ctrlC(run);
      await run.exited;
      expect(run.output()).not.toContain('Ctrl-C stops everything');
      await expectNothingLeft(run.output);
    }, 60_000);

    it('SIGTERM to the process once DynamoDB Local answers (the table, SES and the API are still being set up)', async () => {
      const run = startLocalStack();
      await until(
        () => fetch(`http://127.0.0.1:${ports.DYNAMODB_PORT}/`, { method: 'POST' }).then(() => true, () => false),
        40_000,
        'DynamoDB Local did not answer',
        run.output,
      );
      run.child.kill('SIGTERM');
      await run.exited;
      expect(run.output()).not.toContain('Ctrl-C stops everything');
      await expectNothingLeft(run.output);
    }, 60_000);

    it('even when the stack’s Node process is killed outright (SIGKILL), DynamoDB Local goes with it', async () => {
      const run = startLocalStack();
      await until(() => javaOnStackPort() !== '', 40_000, 'Java did not start', run.output);
      process.kill(-run.child.pid!, 'SIGKILL');
      await run.exited;
      await expectNothingLeft(run.output);
    }, 60_000);
  });

  it('explains a missing Java in one line', async () => {
    const run = startLocalStack({ JAVA_BIN: '/nonexistent/java' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/Cannot start: Java 17 or newer is needed/);
    expect(run.output()).not.toMatch(/\n\s+at /);
    for (const port of Object.values(ports)) await expect(ensurePortFree(Number(port), 'test')).resolves.toBeUndefined();
  }, 30_000);
});
