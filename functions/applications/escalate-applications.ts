import type { ScheduledEvent } from 'aws-lambda';
import { applicationDependencies } from '../../shared/composition/applications.js';
import { escalateWaitingApplications } from '../../shared/domain/applications/escalate-applications.js';
import { backgroundHandler } from '../../shared/platform/background-handler.js';
import { fixedClock } from '../../shared/platform/clock.js';
import { logger } from '../../shared/platform/logger.js';

/** Working days at 09:00 Warsaw time: one digest of applications waiting too long. The event's time is "now", so a late retry counts the same day. */
export const handler = backgroundHandler(async (event: ScheduledEvent) => {
  const clock = event.time ? fixedClock(event.time) : applicationDependencies.clock;
  const result = await escalateWaitingApplications({ ...applicationDependencies, clock });
  logger.info('application escalation', result);
  return result;
});
