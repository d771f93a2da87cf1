/**
 * Starts DynamoDB Local and dies by SIGKILL the instant the process that runs
 * Java has been spawned, before any other line of ours runs: the worst moment
 * for cleanup. Prints that process's arguments first (the scratch directory
 * is among them). Run with tsx: killed-at-jvm-spawn.ts <port>
 */
import childProcess from 'node:child_process';
import { writeSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const originalSpawn = childProcess.spawn;
childProcess.spawn = ((command: string, args: readonly string[], options: childProcess.SpawnOptions) => {
  const child = originalSpawn(command, args, options);
  if (args.some((arg) => arg.endsWith('DynamoDBLocal.jar'))) {
    writeSync(1, `${JSON.stringify([command, ...args])}\n`);
    process.kill(process.pid, 'SIGKILL');
  }
  return child;
}) as typeof childProcess.spawn;
// The ESM named export `spawn` that dynamodb-local.ts imports follows the patched CommonJS one only after this.
syncBuiltinESMExports();

const { startDynamoDbLocal } = await import('../../infra/local/dynamodb-local.js');
await startDynamoDbLocal({ port: Number(process.argv[2]) });
