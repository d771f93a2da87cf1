import { invitationRunDependencies } from '../../shared/composition/rsvp.js';
import { startInvitations } from '../../shared/contracts/events.js';
import { startInvitationRun } from '../../shared/domain/events/invitation-run.js';
import { invitationRunView } from '../../shared/domain/events/event-view.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

/** Starts an invitation run and answers at once: the runner (table stream) invites one chunk at a time. */
export const handler = httpHandler(startInvitations, async ({ params }, { principal }) =>
  json(202, invitationRunView(await startInvitationRun(params.id, principal!, invitationRunDependencies))),
);
