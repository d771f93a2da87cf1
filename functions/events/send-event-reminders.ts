import type { ScheduledEvent } from 'aws-lambda';
import { eventFanOutDependencies } from '../../shared/composition/event-fan-outs.js';
import { startDueReminders } from '../../shared/domain/events/event-reminders.js';
import { backgroundHandler } from '../../shared/platform/background-handler.js';
import { logger } from '../../shared/platform/logger.js';

/**
 * Daily at 09:00 Warsaw time: starts the reminder and nudge runs due that
 * day (the fan-out runner sends them). The day is the Warsaw date of the
 * scheduler event's `time`, not of the moment this runs, so a retry or a
 * replay (`npm run invoke` with an older `time`) judges the day it was for.
 */
export const handler = backgroundHandler(async (event: ScheduledEvent) => {
  const at = event.time ? new Date(event.time) : eventFanOutDependencies.clock.now();
  if (Number.isNaN(at.getTime())) throw new Error(`The scheduler event's time is not an instant: ${JSON.stringify(event.time)}`);
  const result = await startDueReminders(at, eventFanOutDependencies);
  logger.info('event reminders', { runDate: result.runDate, started: result.started.length, alreadyStarted: result.alreadyStarted.length });
  return result;
});
