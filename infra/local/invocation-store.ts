import { AsyncLocalStorage } from 'node:async_hooks';

type InvocationContext = Record<string | symbol, unknown>;

// The keys the Lambda runtime itself fills in (@aws/lambda-invoke-store's PROTECTED_KEYS).
const requestIdKey = Symbol.for('_AWS_LAMBDA_REQUEST_ID');
const traceIdKey = Symbol.for('_AWS_LAMBDA_X_RAY_TRACE_ID');
const protectedKeys = new Set<symbol>([
  requestIdKey,
  traceIdKey,
  Symbol.for('_AWS_LAMBDA_TENANT_ID'),
  Symbol.for('_AWS_LAMBDA_TRACEPARENT'),
  Symbol.for('_AWS_LAMBDA_TRACESTATE'),
  Symbol.for('_AWS_LAMBDA_BAGGAGE'),
]);

const invocations = new AsyncLocalStorage<InvocationContext>();
/** Outside any invocation (module init, a test calling a handler directly) all code shares one context, as on a one-at-a-time Lambda. */
const shared: InvocationContext = {};
const current = () => invocations.getStore() ?? shared;

/**
 * The runtime's `awslambda.InvokeStore`, as Lambda provides it where one
 * execution environment runs several invocations at once. Powertools
 * (Logger keys and context, Metrics, Tracer segments, Batch) keeps its
 * per-request state in it whenever AWS_LAMBDA_MAX_CONCURRENCY is set.
 */
const invokeStore = {
  getContext: () => invocations.getStore(),
  hasContext: () => invocations.getStore() !== undefined,
  get: (key: string | symbol) => current()[key],
  set: (key: string | symbol, value: unknown) => {
    if (typeof key === 'symbol' && protectedKeys.has(key)) throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    current()[key] = value;
  },
  run: <T>(context: InvocationContext, fn: () => T): T => invocations.run(context, fn),
  getRequestId: () => (current()[requestIdKey] as string | undefined) ?? '-',
  getXRayTraceId: () => current()[traceIdKey] as string | undefined,
  getTenantId: () => undefined,
  getTraceparent: () => undefined,
  getTracestate: () => undefined,
  getBaggage: () => undefined,
};

let installed = false;

/**
 * Makes this process behave as a Lambda environment that runs concurrent
 * invocations (the local twin serves many requests at once): without it,
 * one request's logger keys and Lambda context would show up in another's
 * log lines, and `clearState` at the end of one would wipe the other's.
 */
function install(): void {
  if (installed) return;
  const global = globalThis as unknown as { awslambda?: { InvokeStore?: unknown } };
  global.awslambda ??= {};
  global.awslambda.InvokeStore = invokeStore;
  process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= '64';
  installed = true;
}

/** Runs one invocation in its own context, as the Lambda runtime does. */
export function runInvocation<T>(requestId: string, fn: () => T): T {
  install();
  return invokeStore.run({ [requestIdKey]: requestId }, fn);
}
