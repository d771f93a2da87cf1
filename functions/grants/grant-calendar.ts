import { calendarFeedDependencies } from '../../shared/composition/grant-links.js';
import { grantCalendar as route } from '../../shared/contracts/grant-calendar.js';
import { contactCalendar } from '../../shared/domain/grants/calendar-feed.js';
import { deadlineCalendar } from '../../shared/email/ics-deadlines.js';
import { httpHandler } from '../../shared/http/handler.js';
import { unknownLinkAsPage } from '../../shared/pages/unknown-link-error.js';

/** A contact's deadline calendar feed, as calendar applications poll it. */
export const handler = httpHandler(
  route,
  async ({ params }) => {
    const { lang, calls } = await contactCalendar(params.token, calendarFeedDependencies);
    return {
      statusCode: 200,
      headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=3600' },
      body: deadlineCalendar(calls, lang, calendarFeedDependencies.clock.now()),
    };
  },
  { renderError: unknownLinkAsPage },
);
