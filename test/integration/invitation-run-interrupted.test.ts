import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { eventRepository } from '../../shared/adapters/dynamo/event-repository.js';
import { config } from '../../shared/config.js';
import { invitationRunDependencies } from '../../shared/composition/rsvp.js';
import { invitationMessageId } from '../../shared/domain/events/invitation.js';
import { runInvitationStep, startInvitationRun } from '../../shared/domain/events/invitation-run.js';
import { recipientRepository } from '../../shared/adapters/dynamo/recipient-repository.js';
import { scheduledEvent, storedInvitation } from '../support/invitations.js';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail } from '../support/mailbox.js';

const api = useLocalApi();

const partners = (count: number, label: string) =>
  Array.from({ length: count }, (_, index) => ({ email: uniqueEmail(`${label}${index}`), name: `Partner ${index}`, language: index % 2 ? 'en' : 'pl' }));

const storedMessage = async (messageId: string) =>
  (await documentClient.send(new GetCommand({ TableName: config.TABLE_NAME, Key: { pk: `OUTBOX#${messageId}`, sk: 'OUTBOX' }, ConsistentRead: true }))).Item;

describe('an interrupted invitation run', () => {
  it('interrupted half way (the consumer dies after writing a chunk, before its advance), finishes with none lost or doubled', { timeout: 60_000 }, async () => {
    const guests = partners(150, 'crash');
    const eventId = await scheduledEvent(api.call, { extraInvitees: guests });
    // No stream poller in this file: the test plays the consumer, and the stream's retries.
    const run = await startInvitationRun(eventId, { subject: 'test-admin' }, invitationRunDependencies);

    let calls = 0;
    const crashing = {
      ...invitationRunDependencies,
      invitations: {
        ...invitationRunDependencies.invitations,
        invite: async (chunk: Parameters<typeof invitationRunDependencies.invitations.invite>[0], advance?: Parameters<typeof invitationRunDependencies.invitations.invite>[1]) => {
          calls += 1;
          if (calls === 3) {
            await invitationRunDependencies.invitations.invite(chunk);
            throw new Error('the consumer died after its writes');
          }
          return invitationRunDependencies.invitations.invite(chunk, advance);
        },
      },
    };
    await runInvitationStep(eventId, run.runId, crashing);
    await runInvitationStep(eventId, run.runId, crashing);
    await expect(runInvitationStep(eventId, run.runId, crashing)).rejects.toThrow('died');
    // The stream retries the record; overlapping consumers run the same step at once.
    let state = await invitationRunDependencies.runs.get(eventId, run.runId);
    for (let guard = 0; state?.status === 'RUNNING' && guard < 20; guard += 1) {
      await Promise.all([runInvitationStep(eventId, run.runId, invitationRunDependencies), runInvitationStep(eventId, run.runId, invitationRunDependencies)]);
      state = await invitationRunDependencies.runs.get(eventId, run.runId);
    }
    expect(state).toMatchObject({ status: 'DONE' });
    expect(state!.invited + state!.alreadyInvited).toBe(150);

    const stored = await eventRepository.get(eventId);
    for (const guest of stored!.extraInvitees) {
      expect((await storedInvitation(eventId, guest.inviteeId))?.email).toBe(guest.email);
      expect((await storedMessage(invitationMessageId(eventId, guest.inviteeId)))?.to).toBe(guest.email);
    }
  });


  it('skips addresses that bounced or unsubscribed from event mail, and counts them', async () => {
    const guests = partners(4, 'skip');
    const eventId = await scheduledEvent(api.call, { extraInvitees: guests });
    await recipientRepository.suppress(guests[0]!.email, 'Permanent', 'bounced', new Date());
    await recipientRepository.preferencesToken(guests[1]!.email, 'pl');
    await recipientRepository.setSubscribed(guests[1]!.email, 'events', false, new Date());
    const run = await startInvitationRun(eventId, { subject: 'test-admin' }, invitationRunDependencies);
    let state = await runInvitationStep(eventId, run.runId, invitationRunDependencies);
    while (state?.status === 'RUNNING') state = await runInvitationStep(eventId, run.runId, invitationRunDependencies);
    expect(state).toMatchObject({ status: 'DONE', invited: 2, skipped: 2, alreadyInvited: 0 });
    const stored = await eventRepository.get(eventId);
    expect(await storedInvitation(eventId, stored!.extraInvitees[0]!.inviteeId)).toBeUndefined();
    expect((await storedInvitation(eventId, stored!.extraInvitees[2]!.inviteeId))?.answer).toBe('NONE');
  });
});
