import { Tracer } from '@aws-lambda-powertools/tracer';
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

/** The one Tracer, built once per container; the SDK clients are captured where they are built. */
export const tracer = new Tracer({ serviceName, customConfigService: privateTracingConfig });
