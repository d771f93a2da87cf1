import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { serviceName } from './metrics.js';

type TracerConfig = NonNullable<NonNullable<ConstructorParameters<typeof Tracer>[0]>['customConfigService']>;

/**
 * What a handler returns (pages with names, tokens in links) and what it
 * throws (messages that may quote input) never go into X-Ray as metadata:
 * this holds in code, whatever the environment says. The stack also sets
 * POWERTOOLS_TRACER_CAPTURE_RESPONSE/ERROR=false. Every other setting comes
 * from the environment as usual (an empty answer means "not configured
 * here"): tracing is on in Lambda, off where POWERTOOLS_TRACE_ENABLED=false
 * (local stack, tests) and wherever AWS_EXECUTION_ENV is unset.
 */
export const privateTracingConfig: TracerConfig = {
  getTracingCaptureResponse: () => 'false',
  getTracingCaptureError: () => 'false',
  getTracingEnabled: () => '',
  getCaptureHTTPsRequests: () => '',
  getServiceName: () => '',
  getAwsExecutionEnv: () => process.env.AWS_EXECUTION_ENV ?? '',
  getSamLocal: () => process.env.AWS_SAM_LOCAL ?? '',
  get: (name: string) => process.env[name] ?? '',
  getXrayTraceId: () => undefined,
  getXrayTraceSampled: () => false,
  isDevMode: () => false,
  isValueTrue: (value: string) => ['1', 'true', 'on', 'yes'].includes(value.toLowerCase()),
};

/**
 * Powertools' own rule (Tracer.setTracingEnabled), read before loading it:
 * off where POWERTOOLS_TRACE_ENABLED=false, outside Lambda (no
 * AWS_EXECUTION_ENV), under SAM local and Amplify's mock.
 */
export function tracingIsOn(env: NodeJS.ProcessEnv = process.env): boolean {
  const executionEnv = env.AWS_EXECUTION_ENV ?? '';
  if ((env.POWERTOOLS_TRACE_ENABLED ?? '').toLowerCase() === 'false') return false;
  return executionEnv !== '' && executionEnv !== 'AWS_Lambda_amplify-mock' && !env.AWS_SAM_LOCAL;
}

async function loadTracing() {
  const [{ Tracer }, { captureLambdaHandler }] = await Promise.all([import('@aws-lambda-powertools/tracer'), import('@aws-lambda-powertools/tracer/middleware')]);
  const tracer = new Tracer({ serviceName, customConfigService: privateTracingConfig });
  return { tracer, handlerMiddleware: captureLambdaHandler(tracer, { captureResponse: false }) };
}

/**
 * The one Tracer, built once per container, only where tracing is on: the
 * X-Ray SDK behind it enables an async hook at load (cls-hooked, with destroy
 * tracking) that costs every promise, about a tenth of the CPU of the local
 * stack, the tests and the bench, where nothing is traced.
 */
const tracing = tracingIsOn() ? await loadTracing() : undefined;

/** An SDK client captured by the tracer where tracing is on (each call a subsegment), the client itself where it is off. */
export const traced = <Client>(client: Client): Client => (tracing ? tracing.tracer.captureAWSv3Client(client) : client);

/** The handler subsegment and ColdStart annotation where tracing is on; nothing where it is off. */
export const tracingMiddlewares: Array<ReturnType<typeof captureLambdaHandler>> = tracing ? [tracing.handlerMiddleware] : [];
