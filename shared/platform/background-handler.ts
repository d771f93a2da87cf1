import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context } from 'aws-lambda';
import { logger } from './logger.js';
import { metrics } from './metrics.js';
import { tracingMiddlewares } from './tracer.js';

/**
 * The middy stack of a function no HTTP request calls (a schedule, a table
 * stream, EventBridge): tracing, metrics with the cold start, and the logger's
 * context cleared per invocation. The event is never logged, whatever
 * POWERTOOLS_LOGGER_LOG_EVENT says: stream records carry whole items
 * (addresses, names, links with tokens) and SES feedback names the recipients;
 * a schedule's event holds nothing personal, but the rule needs no exception.
 */
export function backgroundHandler<TEvent, TResult>(handle: (event: TEvent, context: Context) => Promise<TResult>) {
  return middy(handle)
    .use(tracingMiddlewares)
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(injectLambdaContext(logger, { clearState: true, logEvent: false }));
}
