import { eventDependencies } from '../../shared/composition/events.js';
import { updateEvent as route } from '../../shared/contracts/events.js';
import { eventView } from '../../shared/domain/events/event-view.js';
import { updateEvent } from '../../shared/domain/events/update-event.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(route, async ({ params, body }, { principal }) => json(200, eventView(await updateEvent(params.id, body, principal!, eventDependencies))));
