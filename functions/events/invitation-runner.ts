import { invitationRunDependencies } from '../../shared/composition/rsvp.js';
import { runInvitationStep } from '../../shared/domain/events/invitation-run.js';
import { runStreamHandler } from '../../shared/platform/run-stream-handler.js';

/** The invitation runner: one step of an invitation run per write of the run, from the table stream. */
export const handler = runStreamHandler('invitation', ['eventId', 'runId'], async ({ eventId, runId }) => {
  await runInvitationStep(eventId, runId, invitationRunDependencies);
});
