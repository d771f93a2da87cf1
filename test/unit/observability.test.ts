import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localEnvironment } from '../../infra/local/settings.js';
import { redactAddressesInErrors } from '../../shared/adapters/mail/ses-client.js';
import { oldestPendingAgeSeconds } from '../../shared/domain/mail/outbox-backlog.js';
import { concurrencyLimit } from '../../shared/platform/concurrency.js';
import { logger } from '../../shared/platform/logger.js';
import { countMetric, metricNames, metrics } from '../../shared/platform/metrics.js';
import { privateTracingConfig, tracingIsOn, tracingMiddlewares } from '../../shared/platform/tracer.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** What Lambda sets: with it Tracer is on (HTTP capture off here, so the test process's http module stays unpatched). */
function tracingAsInLambda() {
  vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs24.x');
  vi.stubEnv('POWERTOOLS_TRACE_ENABLED', '');
  vi.stubEnv('POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS', 'false');
}

const lambdaContext = (functionName: string) => ({ functionName, awsRequestId: 'req-1', getRemainingTimeInMillis: () => 10_000 }) as unknown as Context;

describe('metrics (Powertools, EMF)', () => {
  it('are recorded in the Glokal namespace with exactly the service dimension', () => {
    countMetric(metricNames.emailsFailed);
    const emf = metrics.serializeMetrics();
    metrics.clearMetrics();
    expect(emf._aws.CloudWatchMetrics).toEqual([{ Namespace: 'Glokal', Dimensions: [['service']], Metrics: [{ Name: 'EmailsFailed', Unit: 'Count' }] }]);
    expect(emf).toMatchObject({ service: 'glokal', EmailsFailed: 1 });
  });

  it('an HTTP function reports its cold start once, with the service and its name', async () => {
    // As in Lambda, read when the modules load: a fresh module graph.
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    vi.resetModules();
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const { handler } = await import('../../functions/platform/get-health.js');
    const event = (await import('../../events/http/get-health.json', { with: { type: 'json' } })).default;
    await handler(structuredClone(event) as never, lambdaContext('glokal-get-health'));
    await handler(structuredClone(event) as never, lambdaContext('glokal-get-health'));
    const coldStarts = lines.filter((line) => line.includes('"ColdStart"')).map((line) => JSON.parse(line));
    expect(coldStarts).toHaveLength(1);
    expect(coldStarts[0]._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Glokal', Dimensions: [['service', 'function_name']] });
    expect(coldStarts[0]).toMatchObject({ service: 'glokal', function_name: 'glokal-get-health', ColdStart: 1 });
  });

  it('an invocation that records nothing is not a warning (most invocations record nothing)', () => {
    const warn = vi.spyOn(logger, 'warn');
    const debug = vi.spyOn(logger, 'debug');
    metrics.publishStoredMetrics();
    expect(warn).not.toHaveBeenCalled();
    expect(debug).toHaveBeenCalledWith(expect.stringContaining('No application metrics to publish'));
  });
});

describe('tracer', () => {
  it('is off in the local stack and tests, even where Lambda variables are set, and then not even loaded', () => {
    expect(tracingMiddlewares).toEqual([]);
    for (const [name, value] of Object.entries(localEnvironment())) vi.stubEnv(name, value);
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs24.x');
    expect(tracingIsOn()).toBe(false);
    expect(new Tracer({ customConfigService: privateTracingConfig }).isTracingEnabled()).toBe(false);
  });

  it('is on exactly where Powertools would turn it on', () => {
    const cases: Array<Record<string, string>> = [
      {},
      { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' },
      { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', POWERTOOLS_TRACE_ENABLED: 'FALSE' },
      { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', POWERTOOLS_TRACE_ENABLED: 'true' },
      { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', AWS_SAM_LOCAL: 'true' },
      { AWS_EXECUTION_ENV: 'AWS_Lambda_amplify-mock' },
      { POWERTOOLS_TRACE_ENABLED: 'true' },
    ];
    for (const environment of cases) {
      for (const name of ['AWS_EXECUTION_ENV', 'POWERTOOLS_TRACE_ENABLED', 'AWS_SAM_LOCAL']) vi.stubEnv(name, environment[name] ?? '');
      expect(tracingIsOn(), JSON.stringify(environment)).toBe(new Tracer({ customConfigService: privateTracingConfig }).isTracingEnabled());
    }
  });

  it('loads the X-Ray SDK (and its async hook) only where tracing is on', () => {
    const xrayLoaded = (environment: Record<string, string>) => {
      const probe = [
        "import { createRequire } from 'node:module';",
        `await import(${JSON.stringify(new URL('../../shared/platform/tracer.ts', import.meta.url).href)});`,
        'const loaded = Object.keys(createRequire(import.meta.url).cache).some((path) => path.includes("aws-xray-sdk-core"));',
        'process.stdout.write(String(loaded));',
      ].join(' ');
      const env = { ...process.env, POWERTOOLS_TRACE_ENABLED: '', AWS_SAM_LOCAL: '', AWS_EXECUTION_ENV: '', AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR', ...environment };
      return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { env, encoding: 'utf8' });
    };
    expect(xrayLoaded({ POWERTOOLS_TRACE_ENABLED: 'false', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' })).toBe('false');
    expect(xrayLoaded({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' })).toBe('true');
  });

  it('never records a response or an error as metadata, whatever the environment asks', () => {
    tracingAsInLambda();
    vi.stubEnv('POWERTOOLS_TRACER_CAPTURE_RESPONSE', 'true');
    vi.stubEnv('POWERTOOLS_TRACER_CAPTURE_ERROR', 'true');
    const traced = (tracing: Tracer) => {
      const segment = { addError: vi.fn(), addErrorFlag: vi.fn() };
      vi.spyOn(tracing, 'getSegment').mockReturnValue(segment as never);
      const putMetadata = vi.spyOn(tracing, 'putMetadata').mockImplementation(() => undefined);
      tracing.addResponseAsMetadata({ body: 'token=abc' }, 'handler');
      tracing.addErrorAsMetadata(new Error('jan@szkola.pl is suppressed'));
      return { segment, putMetadata };
    };

    const ours = traced(new Tracer({ customConfigService: privateTracingConfig }));
    expect(ours.putMetadata).not.toHaveBeenCalled();
    expect(ours.segment.addError).not.toHaveBeenCalled();
    expect(ours.segment.addErrorFlag).toHaveBeenCalledOnce();

    // The same environment without the config: Powertools would record both.
    const plain = traced(new Tracer());
    expect(plain.putMetadata).toHaveBeenCalled();
    expect(plain.segment.addError).toHaveBeenCalled();
  });

  it('captures both SDK clients where tracing is on, and leaves them alone where it is off', async () => {
    const middlewares = async () => {
      vi.resetModules();
      const { dynamoClient } = await import('../../shared/adapters/dynamo/client.js');
      const { sesClient } = await import('../../shared/adapters/mail/ses-client.js');
      const { tracingMiddlewares } = await import('../../shared/platform/tracer.js');
      return { dynamo: dynamoClient.middlewareStack.identify(), ses: sesClient.middlewareStack.identify(), handler: tracingMiddlewares };
    };
    const off = await middlewares();
    expect(off.dynamo.join()).not.toContain('XRaySDKInstrumentation');
    expect(off.ses.join()).not.toContain('XRaySDKInstrumentation');
    expect(off.handler).toEqual([]);

    tracingAsInLambda();
    const on = await middlewares();
    expect(on.dynamo).toContain('XRaySDKInstrumentation - build');
    expect(on.ses).toContain('XRaySDKInstrumentation - build');
    // The handler's subsegment: captureLambdaHandler's before, after and onError.
    expect(on.handler).toHaveLength(1);
    expect(Object.keys(on.handler[0]!).sort()).toEqual(['after', 'before', 'onError']);
    // The X-Ray middleware wraps the redaction, so the subsegment records the redacted error.
    expect(on.ses.indexOf('XRaySDKInstrumentation - build')).toBeLessThan(on.ses.indexOf('redactAddressesInErrors - finalizeRequest'));
  });
});

describe('SES errors', () => {
  it('reach X-Ray, logs and the outbox without the addresses SES quotes', async () => {
    const server = createServer((request, response) => {
      request.resume();
      response.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'MessageRejected' });
      response.end(JSON.stringify({ message: 'Email address is not verified. The following identities failed the check in region EU-CENTRAL-1: jan.kowalski@szkola.pl, <biuro@glokal.eu>' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = redactAddressesInErrors(
      new SESv2Client({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, region: 'eu-central-1', maxAttempts: 1, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }),
    );
    try {
      const error = await client
        .send(new SendEmailCommand({ FromEmailAddress: 'biuro@glokal.eu', Destination: { ToAddresses: ['jan.kowalski@szkola.pl'] }, Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } } }))
        .catch((caught: Error) => caught);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('MessageRejected');
      expect((error as Error).message).toBe('Email address is not verified. The following identities failed the check in region EU-CENTRAL-1: <address>, <<address>>');
    } finally {
      client.destroy();
      server.close();
    }
  });
});

describe('concurrency limit', () => {
  it('runs at most the limit at once, everything eventually, and frees a slot when work fails', async () => {
    const limit = concurrencyLimit(3);
    let running = 0;
    let most = 0;
    const work = (index: number) =>
      limit(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        if (index % 4 === 0) throw new Error(`fails ${index}`);
        return index;
      });
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, index) => work(index)));
    expect(most).toBe(3);
    expect(results.filter((result) => result.status === 'fulfilled').map((result) => (result as PromiseFulfilledResult<number>).value)).toEqual([1, 2, 3, 5, 6, 7, 9, 10, 11]);
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(3);
  });
});

describe('outbox backlog', () => {
  const now = new Date('2026-12-01T10:00:00.000Z');
  const backlog = (dueAt?: string) => ({ oldestPending: async () => (dueAt ? { messageId: 'm1', dueAt } : undefined) });

  it('is how long the longest-due pending message has waited past its due time', async () => {
    expect(await oldestPendingAgeSeconds(backlog('2026-12-01T09:58:29.600Z'), now)).toBe(90);
  });

  it('is zero when nothing is pending or the first one is waiting out its retry delay', async () => {
    expect(await oldestPendingAgeSeconds(backlog(), now)).toBe(0);
    expect(await oldestPendingAgeSeconds(backlog('2026-12-01T10:05:00.000Z'), now)).toBe(0);
  });
});
