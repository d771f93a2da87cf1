import { eventDependencies } from '../../shared/composition/events.js';
import { getEvent } from '../../shared/contracts/events.js';
import { eventView } from '../../shared/domain/events/event-view.js';
import { findEvent } from '../../shared/domain/events/queries.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(getEvent, async ({ params }) => json(200, eventView(await findEvent(params.id, eventDependencies))));
