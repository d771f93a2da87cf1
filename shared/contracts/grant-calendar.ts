import { defineRoute } from '../http/route.js';
import { tokenParams } from './common.js';

export const grantCalendar = defineRoute({
  operationId: 'grantCalendar',
  method: 'GET',
  path: '/calendar/{token}',
  access: 'public',
  summary:
    'A contact’s personal deadline calendar (iCalendar feed, subscribed to once from Outlook or Google Calendar): the open funding calls of its audience, in Europe/Warsaw time. The link comes with each reminder digest; its token names nobody.',
  tags: ['grants'],
  params: tokenParams,
  responses: {
    200: { description: 'The calendar (text/calendar).', contentType: 'text/calendar' },
    404: { description: 'Unknown link, or the contact no longer receives grant reminders.', contentType: 'text/html' },
  },
});
