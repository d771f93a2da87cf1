import type { EventBridgeEvent } from 'aws-lambda';
import { suppressionDependencies } from '../../shared/composition/mail.js';
import { recordSesFeedback, type SesFeedbackDetail } from '../../shared/domain/mail/record-ses-feedback.js';
import { backgroundHandler } from '../../shared/platform/background-handler.js';
import { logger } from '../../shared/platform/logger.js';

/** Bounces and complaints from the SES configuration set, via EventBridge: suppress the address. */
export const handler = backgroundHandler(async (event: EventBridgeEvent<string, SesFeedbackDetail>) => {
  const suppressed = await recordSesFeedback(event.detail, suppressionDependencies);
  logger.info('ses feedback', { detailType: event['detail-type'], suppressedCount: suppressed.length });
  return { suppressed: suppressed.length };
});
