import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ensurePortFree } from '../../infra/local/port-check.js';
import { projectRoot } from '../../infra/project-root.js';

/** `npm start` as a child process in its own process group (as a terminal runs it), so the whole stack can be signalled at once. */
export interface SpawnedStack {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

export function spawnLocalStack(env: Record<string, string>, args: string[] = []): SpawnedStack {
  return spawnScript('infra/local/start.ts', args, { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, detached: true });
}

/** A TypeScript script of the project run with tsx, its output kept. */
export function spawnScript(script: string, args: string[], options: { env?: NodeJS.ProcessEnv; detached?: boolean } = {}): SpawnedStack {
  const child = spawn(join(projectRoot, 'node_modules/.bin/tsx'), [script, ...args], {
    cwd: projectRoot,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  return { child, output: () => output, exited };
}

/** A signal to every process of the stack's group (SIGKILL: the stack dies with no chance to clean up). */
export function signalGroup(stack: SpawnedStack, signal: NodeJS.Signals): void {
  if (stack.child.exitCode !== null || stack.child.signalCode !== null) return;
  try {
    process.kill(-stack.child.pid!, signal);
  } catch {
    // already gone
  }
}

export async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string, output: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms\n${output().slice(-3_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const untilHealthy = (stack: SpawnedStack, httpPort: number, timeoutMs = 90_000) =>
  until(
    async () => {
      if (stack.child.exitCode !== null) throw new Error(`the local stack exited (${stack.child.exitCode})\n${stack.output().slice(-3_000)}`);
      return fetch(`http://127.0.0.1:${httpPort}/health`).then((response) => response.status === 200, () => false);
    },
    timeoutMs,
    'the local stack did not answer /health',
    stack.output,
  );

/** The DynamoDB Local JVMs listening on a port, a `ps` line each (the stack starts Java in a process group of its own). */
function javaProcessesOnPort(port: number): string[] {
  return execSync('ps -eo pid=,args=', { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('DynamoDBLocal.jar') && line.includes(`-port ${port} `));
}

/** Their command lines, '' when there is none. */
export const javaOnPort = (port: number): string => javaProcessesOnPort(port).map((line) => line.trim().replace(/^\d+\s+/, '')).join('\n');

/** Their pids. */
export const javaPidsOnPort = (port: number): number[] => javaProcessesOnPort(port).map((line) => Number.parseInt(line.trim(), 10));

/** Nothing of a stack remains: no DynamoDB Local on its port, every port free. */
export async function untilNothingLeft(dynamoPort: number, ports: number[], output?: () => string): Promise<void> {
  await until(() => javaOnPort(dynamoPort) === '', 20_000, 'DynamoDB Local still running', output);
  for (const port of ports) await until(() => ensurePortFree(port, 'test').then(() => true, () => false), 20_000, `port ${port} still in use`, output);
}
