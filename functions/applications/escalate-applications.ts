import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { ScheduledEvent } from 'aws-lambda';
import { applicationDependencies } from '../../shared/composition/applications.js';
import { escalateWaitingApplications } from '../../shared/domain/applications/escalate-applications.js';
import { fixedClock } from '../../shared/platform/clock.js';
import { logger } from '../../shared/platform/logger.js';
import { metrics } from '../../shared/platform/metrics.js';
import { tracer } from '../../shared/platform/tracer.js';

/** Working days at 09:00 Warsaw time: one digest of applications waiting too long. The event's time is "now", so a late retry counts the same day. */
export const handler = middy(async (event: ScheduledEvent) => {
  const clock = event.time ? fixedClock(event.time) : applicationDependencies.clock;
  const result = await escalateWaitingApplications({ ...applicationDependencies, clock });
  logger.info('application escalation', result);
  return result;
})
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  // logEvent off like every function's: a schedule's event holds nothing personal, but the rule needs no exception.
  .use(injectLambdaContext(logger, { clearState: true, logEvent: false }));
