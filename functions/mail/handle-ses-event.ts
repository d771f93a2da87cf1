import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { EventBridgeEvent } from 'aws-lambda';
import { suppressionDependencies } from '../../shared/composition/mail.js';
import { recordSesFeedback, type SesFeedbackDetail } from '../../shared/domain/mail/record-ses-feedback.js';
import { logger } from '../../shared/platform/logger.js';
import { metrics } from '../../shared/platform/metrics.js';
import { tracer } from '../../shared/platform/tracer.js';

/** Bounces and complaints from the SES configuration set, via EventBridge: suppress the address. */
export const handler = middy(async (event: EventBridgeEvent<string, SesFeedbackDetail>) => {
  const suppressed = await recordSesFeedback(event.detail, suppressionDependencies);
  logger.info('ses feedback', { detailType: event['detail-type'], suppressedCount: suppressed.length });
  return { suppressed: suppressed.length };
})
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  // logEvent off whatever POWERTOOLS_LOGGER_LOG_EVENT says: SES feedback names the recipients.
  .use(injectLambdaContext(logger, { clearState: true, logEvent: false }));
