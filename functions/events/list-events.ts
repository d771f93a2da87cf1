import { eventDependencies } from '../../shared/composition/events.js';
import { listEvents as route } from '../../shared/contracts/events.js';
import { eventSummaryView } from '../../shared/domain/events/event-view.js';
import { listEvents } from '../../shared/domain/events/queries.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(route, async ({ query }) => {
  const page = await listEvents(query, eventDependencies);
  return json(200, { ...page, items: page.items.map(eventSummaryView) });
});
