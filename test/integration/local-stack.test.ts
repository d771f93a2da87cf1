import { spawn, execSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensurePortFree } from '../../infra/local/port-check.js';
import { projectRoot } from '../../infra/project-root.js';

const portBase = Number(process.env.TEST_LOCAL_STACK_PORT_BASE ?? 8200);
const ports = { PORT: String(portBase - 4299), DYNAMODB_PORT: String(portBase + 1), SES_PORT: String(portBase + 5) };

function startLocalStack(extraEnv: Record<string, string> = {}): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(join(projectRoot, 'node_modules/.bin/tsx'), ['infra/local/start.ts', '--in-memory'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...ports, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

function javaOnPort(port: string): string {
  return execSync('ps -eo args', { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('DynamoDBLocal.jar') && line.includes(`-port ${port}`))
    .join('\n');
}

const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('npm start', () => {
  it('answers /health within 20 s, refuses a second start in one line, and leaves nothing behind after Ctrl-C', async () => {
    const first = startLocalStack();
    started.push(first.child);
    const startedAt = Date.now();
    let healthy = false;
    while (!healthy && Date.now() - startedAt < 20_000) {
      healthy = await fetch(`http://127.0.0.1:${ports.PORT}/health`).then((r) => r.status === 200, () => false);
      if (!healthy) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(healthy, first.output()).toBe(true);
    expect(first.output()).toContain(`http://localhost:${ports.SES_PORT}`);
    expect(javaOnPort(ports.DYNAMODB_PORT)).not.toBe('');

    const second = startLocalStack();
    started.push(second.child);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/Cannot start: Port \d+ .* is already in use/);
    expect(second.output()).not.toMatch(/\n\s+at /);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(javaOnPort(ports.DYNAMODB_PORT)).toBe('');
    for (const port of Object.values(ports)) await expect(ensurePortFree(Number(port), 'test')).resolves.toBeUndefined();
  }, 45_000);

  it('explains a missing Java in one line', async () => {
    const run = startLocalStack({ JAVA_BIN: '/nonexistent/java' });
    started.push(run.child);
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/Cannot start: Java 17 or newer is needed/);
    expect(run.output()).not.toMatch(/\n\s+at /);
    for (const port of Object.values(ports)) await expect(ensurePortFree(Number(port), 'test')).resolves.toBeUndefined();
  }, 30_000);
});
