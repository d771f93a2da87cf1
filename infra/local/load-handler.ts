import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionDeclaration } from '../manifest-types.js';
import { projectRoot } from '../project-root.js';
import { runInvocation } from './invocation-store.js';

export type Handler = (event: unknown, context: Context) => Promise<unknown>;

const loaded = new Map<string, Promise<Handler>>();

/** Imports a manifest function's handler once, the way a warm Lambda container keeps it. */
export function loadHandler(declaration: FunctionDeclaration): Promise<Handler> {
  let handler = loaded.get(declaration.name);
  if (!handler) {
    handler = import(pathToFileURL(join(projectRoot, declaration.entry)).href).then((module: { handler?: Handler }) => {
      if (typeof module.handler !== 'function') throw new Error(`${declaration.entry} does not export a handler`);
      return module.handler;
    });
    loaded.set(declaration.name, handler);
  }
  return handler;
}

/** A Lambda context with what handlers and Powertools read. */
export function lambdaContext(declaration: FunctionDeclaration): Context {
  const timeoutMs = (declaration.timeoutSeconds ?? 10) * 1000;
  const deadline = Date.now() + timeoutMs;
  const functionName = `glokal-local-${declaration.name}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-central-1:000000000000:function:${functionName}`,
    memoryLimitInMB: String(declaration.memoryMb ?? 512),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Told of every local invocation and its duration (the bench counts Lambda invocations and GB-seconds with it). */
export const invocationObservers = new Set<(name: string, durationMs: number, memoryMb: number) => void>();

/** One invocation, in its own context: concurrent local invocations never see each other's logger keys. */
export async function invokeFunction(declaration: FunctionDeclaration, event: unknown): Promise<unknown> {
  const handler = await loadHandler(declaration);
  const context = lambdaContext(declaration);
  const started = performance.now();
  try {
    return await runInvocation(context.awsRequestId, () => handler(event, context));
  } finally {
    for (const observe of invocationObservers) observe(declaration.name, performance.now() - started, Number(context.memoryLimitInMB));
  }
}
