import { spawn, execSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensurePortFree } from '../../infra/local/port-check.js';
import { projectRoot } from '../../infra/project-root.js';

const portBase = Number(process.env.TEST_LOCAL_STACK_PORT_BASE ?? 8200);
const ports = { PORT: String(portBase - 4299), DYNAMODB_PORT: String(portBase + 1), SES_PORT: String(portBase + 5), EVENT_BUS_PORT: String(portBase + 9) };

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start -- --in-memory` in its own process group, as a terminal runs it (Ctrl-C goes to the whole group). */
function startLocalStack(extraEnv: Record<string, string> = {}): Run {
  const child = spawn(join(projectRoot, 'node_modules/.bin/tsx'), ['infra/local/start.ts', '--in-memory'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...ports, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  started.push(child);
  return { child, output: () => output, exited };
}

/** Ctrl-C in a terminal: SIGINT to every process of the foreground group. */
const ctrlC = (run: Run) => process.kill(-run.child.pid!, 'SIGINT');

function javaOnPort(port: string): string {
  return execSync('ps -eo args', { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('DynamoDBLocal.jar') && line.includes(`-port ${port} `))
    .join('\n');
}

const portIsFree = (port: string) => ensurePortFree(Number(port), 'test').then(() => true, () => false);

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string, output: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Nothing of the stack remains: no DynamoDB Local JVM on its port, every port free (waited for with a deadline). */
async function expectNothingLeft(run: Run) {
  await until(async () => javaOnPort(ports.DYNAMODB_PORT) === '', 15_000, 'DynamoDB Local still running', run.output);
  for (const port of Object.values(ports)) await until(() => portIsFree(port), 15_000, `port ${port} still in use`, run.output);
}

const started: ChildProcess[] = [];
/** A test that failed halfway must not leave its stack to the next one: kill what is left, then wait for the ports. */
afterEach(async () => {
  const leftovers = started.splice(0).filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of leftovers) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (leftovers.length > 0) await expectNothingLeft({ child: leftovers[0]!, output: () => '', exited: Promise.resolve(null) });
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
    const java = javaOnPort(ports.DYNAMODB_PORT);
    expect(java).not.toBe('');
    expect(java).toContain('-disableTelemetry');

    const second = startLocalStack();
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/Cannot start: Port \d+ .* is already in use/);
    expect(second.output()).not.toMatch(/\n\s+at /);

    ctrlC(first);
    expect(await first.exited).toBe(0);
    await expectNothingLeft(first);
  }, 90_000);

  describe('Ctrl-C (or SIGTERM) at any moment of start-up leaves nothing running', () => {
    it.each([300, 1500, 3000])('Ctrl-C %i ms after start', async (delayMs) => {
      const run = startLocalStack();
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      ctrlC(run);
      await run.exited;
      await expectNothingLeft(run);
    }, 60_000);

    it('Ctrl-C while Java is still coming up', async () => {
      const run = startLocalStack();
      await until(() => javaOnPort(ports.DYNAMODB_PORT) !== '', 40_000, 'Java did not start', run.output);
      ctrlC(run);
      await run.exited;
      expect(run.output()).not.toContain('Ctrl-C stops everything');
      await expectNothingLeft(run);
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
      await expectNothingLeft(run);
    }, 60_000);

    it('even when the stack’s Node process is killed outright (SIGKILL), DynamoDB Local goes with it', async () => {
      const run = startLocalStack();
      await until(() => javaOnPort(ports.DYNAMODB_PORT) !== '', 40_000, 'Java did not start', run.output);
      process.kill(-run.child.pid!, 'SIGKILL');
      await run.exited;
      await expectNothingLeft(run);
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
