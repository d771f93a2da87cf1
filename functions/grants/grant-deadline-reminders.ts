import type { ScheduledEvent } from 'aws-lambda';
import { grantDigestDependencies } from '../../shared/composition/grant-digests.js';
import { startGrantDay } from '../../shared/domain/grants/digest-run.js';
import { backgroundHandler } from '../../shared/platform/background-handler.js';
import { logger } from '../../shared/platform/logger.js';

/**
 * Every day 08:00 Warsaw: starts the day's digest run (the fan-out runner
 * pages it). The event's time is the run date, so a late retry judges the day
 * it was meant for and `npm run invoke` replays any day; a second start of a
 * day is a no-op.
 */
export const handler = backgroundHandler(async (event: ScheduledEvent) => {
  const time = event.time ? new Date(event.time) : grantDigestDependencies.clock.now();
  const result = await startGrantDay(time, grantDigestDependencies);
  logger.info('grant deadline reminders', result);
  return result;
});
