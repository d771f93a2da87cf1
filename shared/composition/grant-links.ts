import { callRepository } from '../adapters/dynamo/grant-repository.js';
import { grantLinkRepository } from '../adapters/dynamo/grant-link-repository.js';
import { memberRepository } from '../adapters/dynamo/member-repository.js';
import { recipientRepository } from '../adapters/dynamo/recipient-repository.js';
import type { CalendarFeedDependencies } from '../domain/grants/calendar-feed.js';
import type { GrantLinkDependencies } from '../domain/grants/opt-out-links.js';
import { systemClock } from '../platform/clock.js';

/** The composition root of a digest's links: the link items, the calls they name, and the address's grant subscription. */
export const grantLinkDependencies: GrantLinkDependencies = {
  clock: systemClock,
  links: grantLinkRepository,
  calls: callRepository,
  recipients: recipientRepository,
  preferences: recipientRepository,
};

/** The deadline calendar feed: the calendar link, the contact's member, and the open calls. */
export const calendarFeedDependencies: CalendarFeedDependencies = {
  clock: systemClock,
  links: grantLinkRepository,
  directory: memberRepository,
  store: callRepository,
};
