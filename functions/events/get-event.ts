import { eventDetailDependencies } from '../../shared/composition/events.js';
import { getEvent } from '../../shared/contracts/events.js';
import { eventView, invitationRunView, mailRunView } from '../../shared/domain/events/event-view.js';
import { findEvent } from '../../shared/domain/events/queries.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(getEvent, async ({ params }) => {
  const { event, invitationRuns, mailRuns } = await findEvent(params.id, eventDetailDependencies);
  return json(200, { ...eventView(event), invitationRuns: invitationRuns.map(invitationRunView), mailRuns: mailRuns.map(mailRunView) });
});
