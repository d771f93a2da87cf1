import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger } from './logger.js';

/**
 * Powertools Metrics: values are buffered during an invocation and written
 * as one CloudWatch Embedded Metric Format line when the handler's
 * `logMetrics` middleware flushes them; CloudWatch turns the line into
 * metrics (the alarms in infra/constructs/alarms.ts watch them) without an
 * API call from the function. Outside Lambda (local stack, tests)
 * POWERTOOLS_METRICS_DISABLED keeps the lines off the console.
 */
export const metricNamespace = 'Glokal';
export const serviceName = 'glokal';
export const metricNames = {
  /** Emails given up on (FAILED): an administrator has to look at them. */
  emailsFailed: 'EmailsFailed',
  /** Seconds the longest-due PENDING outbox message has waited past its due time (0 when none is late). */
  oldestPendingEmailAge: 'OldestPendingEmailAgeSeconds',
} as const;
export type MetricName = (typeof metricNames)[keyof typeof metricNames];

/**
 * Metrics asks its logger to warn on every invocation that records nothing
 * ("No application metrics to publish"), which most invocations are: that
 * one goes to debug, everything else to the project logger.
 */
const forward =
  (level: 'debug' | 'info' | 'warn' | 'error') =>
  (message: unknown, ...rest: unknown[]) =>
    logger[level](String(message), ...(rest.length > 0 ? [{ details: rest }] : []));
const metricsLogger: NonNullable<NonNullable<ConstructorParameters<typeof Metrics>[0]>['logger']> = {
  debug: forward('debug'),
  info: forward('info'),
  warn: (message: unknown, ...rest: unknown[]) =>
    String(message).startsWith('No application metrics to publish') ? forward('debug')(message) : forward('warn')(message, ...rest),
  error: forward('error'),
};

/** The one Metrics instance; every metric carries the `service` dimension (the cold start metric adds `function_name`). */
export const metrics = new Metrics({ namespace: metricNamespace, serviceName, logger: metricsLogger });

/** The dimensions of every metric this module records (alarms on them must name exactly these). */
export const metricDimensions: Record<string, string> = { service: serviceName };

export function countMetric(name: MetricName, value = 1): void {
  if (value === 0) return;
  metrics.addMetric(name, MetricUnit.Count, value);
}

export function secondsMetric(name: MetricName, seconds: number): void {
  metrics.addMetric(name, MetricUnit.Seconds, seconds);
}
