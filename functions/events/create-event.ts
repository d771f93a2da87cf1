import { eventDependencies } from '../../shared/composition/events.js';
import { createEvent as route } from '../../shared/contracts/events.js';
import { createEvent } from '../../shared/domain/events/create-event.js';
import { eventView } from '../../shared/domain/events/event-view.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(route, async ({ body }, { principal }) => {
  const event = await createEvent(body, principal!, eventDependencies);
  return json(201, eventView(event), { location: `/admin/events/${event.eventId}` });
});
