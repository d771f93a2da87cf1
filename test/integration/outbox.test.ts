import { randomUUID } from 'node:crypto';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { newOutboxItem, outboxRepository } from '../../shared/adapters/dynamo/outbox-repository.js';
import { recipientRepository } from '../../shared/adapters/dynamo/recipient-repository.js';
import { glokal } from '../../shared/adapters/dynamo/service.js';
import { ConditionsFailed, writeTogether } from '../../shared/adapters/dynamo/transaction.js';
import { createSesSender } from '../../shared/adapters/mail/ses-sender.js';
import { deliverDueMessages, deliverMessage } from '../../shared/domain/mail/deliver-message.js';
import { handler as mailer } from '../../functions/mail/deliver-outbox.js';
import { failingSes, invitationTo, queue, storedMessage, testDelivery, verificationTo } from '../support/outbox-helpers.js';
import { sentEmails, uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { useLocalApi } from '../support/local-api.js';
import { dynamoRequestsDuring } from '../support/dynamo-requests.js';
import { config } from '../../shared/config.js';
import { addressHash } from '../../shared/platform/address-hash.js';

const api = useLocalApi();
const lambdaContext = { getRemainingTimeInMillis: () => 60_000, awsRequestId: 'test' } as unknown as Context;
const everything = { limit: 500, hasTimeLeft: () => true };

function streamEventFor(messageIds: string[]): DynamoDBStreamEvent {
  return {
    Records: messageIds.map((messageId, index) => ({
      eventName: 'INSERT',
      dynamodb: { NewImage: { messageId: { S: messageId }, entity: { S: 'OUTBOX' } }, SequenceNumber: String(index) },
    })),
  } as DynamoDBStreamEvent;
}

describe('what one delivery costs', () => {
  it('a member communication to a known address: claim, its state, its erasure check, mark sent — its preferences are not read twice', async () => {
    const to = uniqueEmail('known');
    await recipientRepository.preferencesToken(to, 'pl');
    const messageId = await queue(invitationTo(to));
    const { deps } = testDelivery();
    const requests = await dynamoRequestsDuring(() => deliverMessage(messageId, deps));
    expect(requests.sort()).toEqual(['GetItemCommand', 'QueryCommand', 'UpdateItemCommand', 'UpdateItemCommand']);
    expect(await storedMessage(messageId)).toMatchObject({ status: 'SENT' });
    const [email] = await waitForEmails(to, 1);
    expect(email!.headers?.find((header) => header.name === 'List-Unsubscribe')?.value).toContain('/unsubscribe/');
  });

  it('a member communication to a new address: its preferences are created with their link token, not read first', async () => {
    const to = uniqueEmail('new');
    const messageId = await queue(invitationTo(to));
    const { deps } = testDelivery();
    const requests = await dynamoRequestsDuring(() => deliverMessage(messageId, deps));
    expect(requests.sort()).toEqual(['GetItemCommand', 'PutItemCommand', 'QueryCommand', 'UpdateItemCommand', 'UpdateItemCommand']);
    const [email] = await waitForEmails(to, 1);
    const unsubscribe = email!.headers?.find((header) => header.name === 'List-Unsubscribe')?.value ?? '';
    const token = /\/unsubscribe\/([^?>]+)/.exec(unsubscribe)?.[1];
    expect(await recipientRepository.findByToken(token!)).toMatchObject({ email: to.toLowerCase(), unsubscribed: [] });
  });
});

describe('what a stream batch costs', () => {
  it('reads its recipients together (three batch gets), and still skips the suppressed, the unsubscribed and the erased', async () => {
    const known = [uniqueEmail('batch-known'), uniqueEmail('batch-known'), uniqueEmail('batch-known')];
    for (const to of known) await recipientRepository.preferencesToken(to, 'pl');
    const [suppressed, unsubscribed, erased] = [uniqueEmail('batch-suppressed'), uniqueEmail('batch-unsubscribed'), uniqueEmail('batch-erased')];
    await recipientRepository.suppress(suppressed, 'BOUNCE', 'Permanent', new Date());
    await recipientRepository.preferencesToken(unsubscribed, 'pl');
    await recipientRepository.setSubscribed(unsubscribed, 'events', false, new Date());
    await glokal.entities.erasedAddress.put({ addressHash: addressHash(config.LINK_SIGNING_KEY!, erased.toLowerCase()), erasedAt: new Date().toISOString() }).go();
    const addresses = [...known, suppressed, unsubscribed, erased];
    const ids = await Promise.all(addresses.map((to) => queue(invitationTo(to))));
    const event = {
      Records: ids.map((messageId, index) => ({
        eventName: 'INSERT',
        dynamodb: { NewImage: { messageId: { S: messageId }, entity: { S: 'OUTBOX' }, to: { S: addresses[index]! } }, SequenceNumber: String(index) },
      })),
    } as DynamoDBStreamEvent;

    const requests = await dynamoRequestsDuring(async () => {
      expect(((await mailer(event, lambdaContext)) as DynamoDBBatchResponse).batchItemFailures).toEqual([]);
    });
    // Preferences and suppressions of the six addresses, and their erasure marks: no read per message.
    expect(requests.filter((command) => command === 'BatchGetItemCommand')).toHaveLength(3);
    expect(requests.filter((command) => command === 'QueryCommand' || command === 'GetItemCommand')).toEqual([]);
    expect(await Promise.all(ids.map(async (id) => (await storedMessage(id)).status))).toEqual(['SENT', 'SENT', 'SENT', 'SUPPRESSED', 'UNSUBSCRIBED', 'SUPPRESSED']);
    for (const to of known) expect(await waitForEmails(to, 1)).toHaveLength(1);
    for (const to of [suppressed, unsubscribed, erased]) expect(await sentEmails(to)).toEqual([]);
  });
});

describe('transactional outbox', () => {
  it('a state change whose transaction fails leaves no email; one that succeeds sends exactly one', async () => {
    const failedTo = uniqueEmail('failed');
    const lock = { organisationIdentity: `TEST-${randomUUID()}`, owner: 'test', ownerKind: 'application' } as const;
    await glokal.entities.organisationLock.create(lock).go();
    const failing = newOutboxItem(verificationTo(failedTo), new Date());
    await expect(
      writeTogether((tx) => ({ organisationLock: tx.organisationLock.create(lock).commit(), email: tx.outboxMessage.create(failing).commit() })),
    ).rejects.toEqual(new ConditionsFailed(['organisationLock']));
    expect(await storedMessage(failing.messageId)).toBeUndefined();

    const sentTo = uniqueEmail('sent');
    const succeeding = newOutboxItem(verificationTo(sentTo), new Date());
    await writeTogether((tx) => ({
      organisationLock: tx.organisationLock.create({ ...lock, organisationIdentity: `TEST-${randomUUID()}` }).commit(),
      email: tx.outboxMessage.create(succeeding).commit(),
    }));
    const { messageId } = succeeding;

    await mailer(streamEventFor([messageId]), lambdaContext);
    await mailer({ 'detail-type': 'Scheduled Event', time: new Date().toISOString() } as never, lambdaContext);

    const emails = await waitForEmails(sentTo, 1);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toContain('Potwierdź adres e-mail');
    expect(emails[0]!.body.html).toContain('href="http://localhost:3000/applications/verify?token=sample-token"');
    expect(emails[0]!.body.text).toContain('Potwierdzam adres e-mail: http://localhost:3000/applications/verify?token=sample-token');
    expect(await sentEmails(failedTo)).toHaveLength(0);
    const sent = await storedMessage(messageId);
    expect(sent).toMatchObject({ status: 'SENT', attempts: 1, sesMessageId: expect.any(String), subject: emails[0]!.subject });
    // What was sent is kept by name and subject; its content (personal data, working links) is gone.
    expect(sent.data).toBeUndefined();
  });

  it('a message id can be queued once: a retried use case does not queue it twice', async () => {
    const to = uniqueEmail('dedupe');
    const messageId = `dedupe-${randomUUID()}`;
    await queue({ ...verificationTo(to), messageId });
    await expect(queue({ ...verificationTo(to), messageId })).rejects.toBeInstanceOf(ConditionsFailed);
  });
});

describe('mailer delivery', () => {
  it('loses nothing while SES is failing: retries with backoff, then delivers each message exactly once', async () => {
    const recipients = [uniqueEmail('outage'), uniqueEmail('outage'), uniqueEmail('outage')];
    const ids = await Promise.all(recipients.map((to) => queue(verificationTo(to))));
    const outage = await failingSes(503, 'ServiceUnavailable');
    const { clock, deps } = testDelivery({ sender: createSesSender(outage.client) });
    clock.advance(1000);

    for (const id of ids) expect(await deliverMessage(id, deps)).toMatchObject({ status: 'PENDING', reason: expect.stringContaining('ServiceUnavailable') });
    expect(outage.requests()).toBe(3);
    for (const id of ids) {
      const stored = await storedMessage(id);
      expect(stored).toMatchObject({ status: 'PENDING', attempts: 1, lastError: expect.stringContaining('ServiceUnavailable') });
      // 30 s base with jitter 0.5 → 22.5 s later.
      expect(new Date(stored.dueAt).getTime() - clock.now().getTime()).toBe(22_500);
    }
    // Not due yet: a sweep now leaves them alone.
    await deliverDueMessages(deps, everything);
    for (const id of ids) expect(await storedMessage(id)).toMatchObject({ status: 'PENDING', attempts: 1 });
    await outage.close();

    // SES is back; time passes; the sweep delivers each once, and a second sweep finds nothing to send.
    const recovered = testDelivery();
    recovered.clock.set(new Date(clock.now().getTime() + 60_000));
    await deliverDueMessages(recovered.deps, everything);
    await deliverDueMessages(recovered.deps, everything);
    for (const [index, to] of recipients.entries()) {
      expect(await waitForEmails(to, 1)).toHaveLength(1);
      expect(await storedMessage(ids[index]!)).toMatchObject({ status: 'SENT', attempts: 2 });
    }
  });

  it('marks a permanent rejection FAILED at once, counts it, and shows it at GET /admin/outbox?status=FAILED', async () => {
    const to = uniqueEmail('rejected');
    const id = await queue(verificationTo(to));
    const refusing = await failingSes(400, 'MessageRejected');
    const failures: string[] = [];
    const { deps, clock } = testDelivery({ sender: createSesSender(refusing.client), onFailed: (message) => failures.push(message.messageId) });
    clock.advance(1000);
    expect(await deliverMessage(id, deps)).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('MessageRejected') });
    await refusing.close();
    expect(failures).toEqual([id]);

    const answer = await api.call('GET', '/admin/outbox?status=FAILED', { role: 'admin' });
    expect(answer.status).toBe(200);
    expect(answer.json.items).toContainEqual(expect.objectContaining({ messageId: id, to, status: 'FAILED', attempts: 1, lastError: expect.stringContaining('MessageRejected') }));
    // Viewers read the failed messages too (product.md); retrying one stays with admins.
    expect((await api.call('GET', '/admin/outbox?status=FAILED', { role: 'viewer' })).json.items).toContainEqual(expect.objectContaining({ messageId: id }));
    expect((await api.call('POST', `/admin/outbox/${id}/retry`, { role: 'viewer' })).status).toBe(403);
  });

  it('gives up after the configured number of attempts and keeps the message FAILED', async () => {
    const id = await queue(verificationTo(uniqueEmail('exhausted')));
    const outage = await failingSes(500, 'InternalFailure');
    const { deps, clock } = testDelivery({ sender: createSesSender(outage.client), maxAttempts: 3 });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      clock.advance(2 * 3_600_000);
      await deliverDueMessages(deps, everything);
    }
    await outage.close();
    expect(await storedMessage(id)).toMatchObject({ status: 'FAILED', attempts: 3, lastError: expect.stringContaining('Gave up after 3 attempts') });
    const page = await outboxRepository.listByStatus('FAILED', 100);
    expect(page.items.map((item) => item.messageId)).toContain(id);
  });

  it('two mailer invocations racing over the same messages deliver each once', async () => {
    const recipients = Array.from({ length: 8 }, () => uniqueEmail('race'));
    const ids = await Promise.all(recipients.map((to) => queue(verificationTo(to))));
    const event = streamEventFor(ids);
    const [first, second] = (await Promise.all([mailer(event, lambdaContext), mailer(event, lambdaContext)])) as DynamoDBBatchResponse[];
    expect(first!.batchItemFailures).toEqual([]);
    expect(second!.batchItemFailures).toEqual([]);
    // Both invocations have returned: whatever was sent, was sent by now.
    for (const to of recipients) expect(await sentEmails(to)).toHaveLength(1);
  });

  it('retries a send whose mailer crashed once its lease expires, and never one that was sent', async () => {
    const to = uniqueEmail('crash');
    const id = await queue(verificationTo(to));
    const { deps, clock } = testDelivery();
    clock.advance(1000);
    // A mailer claims the message and dies before sending.
    expect(await outboxRepository.claim(id, clock.now(), deps.leaseMs)).toMatchObject({ status: 'SENDING' });
    expect(await deliverMessage(id, deps)).toBe('not-claimed');
    clock.advance(deps.leaseMs + 1000);
    await deliverDueMessages(deps, everything);
    expect(await waitForEmails(to, 1)).toHaveLength(1);
    expect(await storedMessage(id)).toMatchObject({ status: 'SENT', attempts: 2 });
    clock.advance(deps.leaseMs * 10);
    await deliverDueMessages(deps, everything);
    expect(await deliverMessage(id, deps)).toBe('not-claimed');
    expect(await sentEmails(to)).toHaveLength(1);
  });
});
