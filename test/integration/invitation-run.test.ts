// This file sends a few hundred invitations: it raises the send rate for itself, before any module reads the configuration.
process.env.MAIL_SEND_RATE = '200';
const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
const { describe, expect, it } = await import('vitest');
const { documentClient } = await import('../../shared/adapters/dynamo/client.js');
const { config } = await import('../../shared/config.js');
const { scheduledEvent } = await import('../support/invitations.js');
const { useLocalApi } = await import('../support/local-api.js');
const { fileMailbox, uniqueEmail } = await import('../support/mailbox.js');
const { approvedMember } = await import('../support/members.js');
const { useMailer } = await import('../support/stream-poller.js');
const { readFileSync } = await import('node:fs');
const { invokeFunction } = await import('../../infra/local/load-handler.js');
const { manifest } = await import('../../infra/manifest.js');
const { eventually } = await import('../support/eventually.js');

const api = useLocalApi();
useMailer();

const partners = (count: number, label: string) =>
  Array.from({ length: count }, (_, index) => ({ email: uniqueEmail(`${label}${index}`), name: `Partner ${index}`, language: index % 2 ? 'en' : 'pl' }));

describe('an invitation run', () => {
  it('invites the extra invitees and the audience through the table stream, one email each; a second run invites only who is new', { timeout: 180_000 }, async () => {
    const member = await approvedMember(api.call);
    const guests = partners(200, 'run');
    const eventId = await scheduledEvent(api.call, { extraInvitees: guests });

    const started = await api.call('POST', `/admin/events/${eventId}/invitations`, { role: 'admin' });
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ status: 'RUNNING', invited: 0 });

    const read = () => api.call('GET', `/admin/events/${eventId}`, { role: 'viewer' });
    const done = await eventually(read, (answer) => answer.json.invitationRuns?.[0]?.status === 'DONE', 90_000);
    expect(done.json.invitationRuns[0]).toMatchObject({ status: 'DONE', invited: 201, alreadyInvited: 0, skipped: 0 });

    // Every address gets exactly one invitation.
    const addresses = new Set([...guests.map((guest) => guest.email), member.email]);
    const arrived = await fileMailbox().waitFor((email) => email.destination.to.some((to) => addresses.has(to)) && email.attachments.length > 0, 201, 90_000);
    expect(arrived).toHaveLength(201);
    expect(new Set(arrived.map((email) => email.destination.to[0])).size).toBe(201);

    const again = await api.call('POST', `/admin/events/${eventId}/invitations`, { role: 'admin' });
    expect(again.status).toBe(202);
    const second = await eventually(read, (answer) => answer.json.invitationRuns?.find((run: { runId: string }) => run.runId === again.json.runId)?.status === 'DONE', 60_000);
    expect(second.json.invitationRuns.find((run: { runId: string }) => run.runId === again.json.runId)).toMatchObject({ invited: 0, alreadyInvited: 201 });
  });

  it('refuses a cancelled event and one that has started, starting nothing', async () => {
    const cancelled = await scheduledEvent(api.call);
    await api.call('POST', `/admin/events/${cancelled}/cancel`, { role: 'admin', json: {} });
    const refused = await api.call('POST', `/admin/events/${cancelled}/invitations`, { role: 'admin' });
    expect([refused.status, refused.json.error.code]).toEqual([409, 'EVENT_CANCELLED']);

    const past = await scheduledEvent(api.call);
    await documentClient.send(
      new UpdateCommand({ TableName: config.TABLE_NAME, Key: { pk: `EVENT#${past}`, sk: 'EVENT' }, UpdateExpression: 'SET startsAt = :past', ExpressionAttributeValues: { ':past': '2020-01-01T09:00:00.000Z' } }),
    );
    const late = await api.call('POST', `/admin/events/${past}/invitations`, { role: 'admin' });
    expect([late.status, late.json.error.code]).toEqual([409, 'EVENT_PAST']);
    expect((await api.call('GET', `/admin/events/${past}`, { role: 'admin' })).json.invitationRuns).toEqual([]);
    expect((await api.call('POST', '/admin/events/no-such-event/invitations', { role: 'admin' })).status).toBe(404);
  });
});

describe('the sample event in events/http', () => {
  it('starts a run, as npm run invoke runs it', async () => {
    const eventId = await scheduledEvent(api.call);
    const sample = JSON.parse(readFileSync('events/http/start-invitations.json', 'utf8').replaceAll('6f1d2c3b-0000-4000-8000-00000000e001', eventId));
    const answer = (await invokeFunction(manifest.find((fn) => fn.name === 'start-invitations')!, sample)) as { statusCode: number; body: string };
    expect(answer.statusCode, answer.body).toBe(202);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 'RUNNING' });
  });
});

export {};
