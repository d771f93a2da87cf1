import { eventFanOutDependencies } from '../../shared/composition/event-fan-outs.js';
import { invitationRunDependencies } from '../../shared/composition/rsvp.js';
import { getEvent } from '../../shared/contracts/events.js';
import { eventMailRuns } from '../../shared/domain/events/event-fan-outs.js';
import { invitationRunView, eventView, mailRunView } from '../../shared/domain/events/event-view.js';
import { eventWithRuns } from '../../shared/domain/events/invitation-run.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(getEvent, async ({ params }) => {
  const { event, runs } = await eventWithRuns(params.id, invitationRunDependencies);
  const mailRuns = await eventMailRuns(params.id, eventFanOutDependencies);
  return json(200, { ...eventView(event), invitationRuns: runs.map(invitationRunView), mailRuns: mailRuns.map(mailRunView) });
});
