// 5,000 invitation emails: this file raises the send rate (local default 20/s) and DynamoDB timeouts for itself, before any module reads the configuration.
const { volumeEnvironment } = await import('../support/volume-environment.js');
Object.assign(process.env, volumeEnvironment);
const { afterAll, beforeAll, describe, expect, it } = await import('vitest');
const { startLocalScheduler } = await import('../../infra/local/scheduler.js');
const { manifest } = await import('../../infra/manifest.js');
const { glokal } = await import('../../shared/adapters/dynamo/service.js');
const { outboxRepository } = await import('../../shared/adapters/dynamo/outbox-repository.js');
const { invitationMessageId } = await import('../../shared/domain/events/invitation.js');
const { scheduledEvent } = await import('../support/invitations.js');
const { useLocalApi } = await import('../support/local-api.js');
const { fileMailbox } = await import('../support/mailbox.js');
const { newAudience, seedMembers } = await import('../support/member-audience.js');
const { useMailer } = await import('../support/stream-poller.js');
const { eventually } = await import('../support/eventually.js');

const api = useLocalApi();
const mailer = useMailer();
// The mailer's every-minute sweep, as the local stack runs it: it sends what a failed delivery left behind (a retry due, a lease expired).
let sweep: ReturnType<typeof startLocalScheduler> | undefined;
beforeAll(() => {
  sweep = startLocalScheduler(
    manifest.filter((fn) => fn.name === 'mailer'),
    () => undefined,
  );
});
afterAll(() => sweep?.stop());

const invitedCount = 5_000;

describe('an invitation run of 5,000 contacts', () => {
  it('goes through the table stream to exactly one invitation email per contact, with the run’s counts and every outbox message sent once', { timeout: 1_800_000 }, async () => {
    const startedAt = performance.now();
    // 500 active members with 10 contacts each who receive event mail; around them, contacts the run must pass over.
    const audience = newAudience({ members: 500, contactsPerMember: 10, label: 'vol' });
    const grantsOnly = newAudience({ members: 20, contactsPerMember: 2, receives: ['grants'], label: 'grants' });
    const suspended = newAudience({ members: 10, contactsPerMember: 5, status: 'SUSPENDED', label: 'suspended' });
    await Promise.all([seedMembers(audience), seedMembers(grantsOnly), seedMembers(suspended)]);
    expect(audience.contacts).toHaveLength(invitedCount);
    const seededAt = performance.now();

    const eventId = await scheduledEvent(api.call, { capacity: 6_000 });
    const started = await api.call('POST', `/admin/events/${eventId}/invitations`, { role: 'admin' });
    expect(started.status).toBe(202);

    const read = () => api.call('GET', `/admin/events/${eventId}`, { role: 'viewer' });
    // An answer other than 200 (DynamoDB Local busy) is read again; only a finished run ends the wait.
    const finished = (answer: Awaited<ReturnType<typeof read>>) => answer.status === 200 && ['DONE', 'STOPPED'].includes(answer.json.invitationRuns[0]?.status);
    const done = await eventually(read, finished, 900_000, 2_000);
    expect(done.json?.invitationRuns?.[0], `${done.status} ${done.text.slice(0, 500)}\n${mailer.log().slice(-2_000)}`).toMatchObject({ status: 'DONE', invited: invitedCount, alreadyInvited: 0, skipped: 0 });
    const runDoneAt = performance.now();

    const invited = new Map(audience.contacts.map((contact) => [contact.email, contact]));
    const passedOver = new Set([...grantsOnly.contacts, ...suspended.contacts].map((contact) => contact.email));
    const mailbox = fileMailbox();
    const arrived = await mailbox.waitFor((email) => invited.has(email.destination.to[0]!), invitedCount, 900_000);
    const mailDoneAt = performance.now();
    expect(arrived).toHaveLength(invitedCount);
    const byAddress = new Map(arrived.map((email) => [email.destination.to[0]!, email]));
    expect(byAddress.size).toBe(invitedCount);
    for (const email of arrived) {
      const contact = invited.get(email.destination.to[0]!)!;
      expect(email.subject.startsWith(contact.language === 'pl' ? 'Zaproszenie: ' : 'Invitation: '), email.subject).toBe(true);
      expect(email.attachments.map((attachment) => attachment.contentType)).toEqual([expect.stringContaining('text/calendar')]);
    }
    expect((await mailbox.emails()).filter((email) => passedOver.has(email.destination.to[0]!))).toEqual([]);

    // Every invitation's outbox message: SENT, as the one email that arrived (a delivery that failed under load is sent by a later attempt, still once).
    const { data: messages, unprocessed } = await glokal.entities.outboxMessage
      .get(audience.contacts.map((contact) => ({ messageId: invitationMessageId(eventId, contact.contactId) })))
      .go({ concurrency: 4, attributes: ['messageId', 'to', 'status', 'attempts', 'sesMessageId'] });
    expect(unprocessed).toEqual([]);
    expect(messages).toHaveLength(invitedCount);
    for (const message of messages) {
      expect(message, message.messageId).toMatchObject({ status: 'SENT', sesMessageId: byAddress.get(message.to)!.messageId });
    }
    expect(await outboxRepository.oldestPending()).toBeUndefined();
    // Nothing is left to send, and nothing arrived twice meanwhile.
    expect((await mailbox.emails()).filter((email) => invited.has(email.destination.to[0]!))).toHaveLength(invitedCount);

    const seconds = (from: number, to: number) => Math.round((to - from) / 100) / 10;
    console.info(
      `5,000 invitations: seeded in ${seconds(startedAt, seededAt)} s; run DONE ${seconds(seededAt, runDoneAt)} s after the start, last email ${seconds(seededAt, mailDoneAt)} s after it ` +
        `(${Math.round(invitedCount / ((mailDoneAt - seededAt) / 1000))} emails/s end to end; ${messages.filter((message) => (message.attempts ?? 0) > 1).length} sent by a second attempt)`,
    );
  });
});

export {};
