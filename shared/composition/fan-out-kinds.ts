import { cancelNoticeKind, cancelNoticePager, updateNoticeKind, updateNoticePager } from '../domain/events/event-notices.js';
import { nudgeKind, nudgePager, reminderKind, reminderPager } from '../domain/events/event-reminders.js';
import type { FanOutKinds } from '../domain/fanout/fan-out.js';
import { grantDigestKind, grantDigestPager } from '../domain/grants/digest-run.js';
import { grantDigestDependencies } from './grant-digests.js';
import { eventFanOutDependencies } from './event-fan-outs.js';

/**
 * Every kind of fan-out the runner can step, by the name its runs carry,
 * each bound to its dependencies. A new kind (a notice to an event's
 * attendees, a day's grant digests) is one line here; the runner, the run
 * item and the stream filter stay as they are.
 */
export const fanOutKinds: FanOutKinds = {
  [updateNoticeKind]: updateNoticePager(eventFanOutDependencies),
  [cancelNoticeKind]: cancelNoticePager(eventFanOutDependencies),
  [reminderKind]: reminderPager(eventFanOutDependencies),
  [nudgeKind]: nudgePager(eventFanOutDependencies),
  [grantDigestKind]: grantDigestPager(grantDigestDependencies),
};
