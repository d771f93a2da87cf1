import { eventDependencies } from '../../shared/composition/events.js';
import { cancelEvent as route } from '../../shared/contracts/events.js';
import { cancelEvent } from '../../shared/domain/events/cancel-event.js';
import { eventView } from '../../shared/domain/events/event-view.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(route, async ({ params, body }, { principal }) => json(200, eventView(await cancelEvent(params.id, body, principal!, eventDependencies))));
