import { randomUUID } from 'node:crypto';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { outboxStatusIndex } from '../../scripts/migrations/outbox-status-index.js';
import { handler as mailer } from '../../functions/mail/deliver-outbox.js';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { openStatusPartitions, openStatusShards, shardOf } from '../../shared/adapters/dynamo/outbox-index.js';
import { outboxRepository } from '../../shared/adapters/dynamo/outbox-repository.js';
import { recipientRepository } from '../../shared/adapters/dynamo/recipient-repository.js';
import { config } from '../../shared/config.js';
import { deliverDueMessages, deliverMessage } from '../../shared/domain/mail/deliver-message.js';
import { messageCategories } from '../../shared/domain/mail/messages.js';
import type { MessageStatus, NewMessage } from '../../shared/domain/mail/outbox-message.js';
import { metricNames, metrics } from '../../shared/platform/metrics.js';
import { invitationTo, queue, storedMessage, testDelivery, verificationTo } from '../support/outbox-helpers.js';
import { uniqueEmail, waitForEmails } from '../support/mailbox.js';

const everything = { limit: 500, hasTimeLeft: () => true };
const minutes = (count: number) => count * 60_000;
const context = (remainingMs = 60_000) => ({ functionName: 'glokal-mailer', awsRequestId: 'test', getRemainingTimeInMillis: () => remainingMs }) as unknown as Context;
const sweepEvent = { 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time: new Date().toISOString() } as unknown as ScheduledEvent;

/** The message ids on one partition of the status index, read as stored (gsi1pk `OUTBOX#…`). */
async function indexPartition(partition: string): Promise<string[]> {
  const { Items } = await documentClient.send(
    new QueryCommand({ TableName: config.TABLE_NAME, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `OUTBOX#${partition}` } }),
  );
  return (Items ?? []).map((item) => item.messageId as string);
}

/** One message id per shard of the open statuses, so a test covers every shard. */
function idsOnEveryShard(): string[] {
  const byShard = new Map<number, string>();
  while (byShard.size < openStatusShards) {
    const id = `shard-test-${randomUUID()}`;
    if (!byShard.has(shardOf(id))) byShard.set(shardOf(id), id);
  }
  return [...byShard.entries()].sort(([a], [b]) => a - b).map(([, id]) => id);
}

/** Every message a test leaves open is finished after it, so each test sees only its own pending messages. */
const opened: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  const later = new Date(Date.now() + minutes(24 * 60));
  for (const messageId of opened.splice(0)) {
    const open = await outboxRepository.claim(messageId, later, 60_000);
    if (open) await outboxRepository.finish(open, { status: 'SUPPRESSED', reason: 'test cleanup' }, later);
  }
});

describe('delivered and skipped messages leave the status index', () => {
  it('a sent message is gone from the index but readable by id, with what was sent', async () => {
    const to = uniqueEmail('indexed');
    const id = await queue(verificationTo(to));
    expect(await indexPartition(`PENDING#${shardOf(id)}`)).toContain(id);
    const { deps, clock } = testDelivery();
    clock.advance(1000);

    expect(await deliverMessage(id, deps)).toMatchObject({ status: 'SENT' });

    expect(await waitForEmails(to, 1)).toHaveLength(1);
    const stored = await storedMessage(id);
    expect(stored).toMatchObject({ status: 'SENT', attempts: 1, subject: expect.any(String), sentAt: clock.now().toISOString() });
    expect(stored).not.toHaveProperty('gsi1pk');
    expect(stored).not.toHaveProperty('gsi1sk');
    expect(await indexPartition(`PENDING#${shardOf(id)}`)).not.toContain(id);
    expect(await indexPartition('SENT')).toEqual([]);
    expect(await outboxRepository.get(id)).toMatchObject({ messageId: id, status: 'SENT', to });
  });

  it('so do suppressed and unsubscribed ones; a FAILED one stays, listed for administrators', async () => {
    const suppressedTo = uniqueEmail('suppressed');
    await recipientRepository.suppress(suppressedTo, 'Bounce', 'mailbox unknown', new Date());
    const unsubscribedTo = uniqueEmail('unsubscribed');
    await recipientRepository.preferencesToken(unsubscribedTo, 'en');
    await recipientRepository.setSubscribed(unsubscribedTo, 'events', false, new Date());
    const suppressed = await queue(verificationTo(suppressedTo));
    const unsubscribed = await queue(invitationTo(unsubscribedTo));
    const failed = await queue(verificationTo(uniqueEmail('failed')));
    const { deps, clock } = testDelivery({ maxAttempts: 1, sender: { send: async () => Promise.reject(new Error('SES is down')) } });
    clock.advance(1000);

    expect(await deliverMessage(suppressed, deps)).toMatchObject({ status: 'SUPPRESSED' });
    expect(await deliverMessage(unsubscribed, deps)).toMatchObject({ status: 'UNSUBSCRIBED' });
    expect(await deliverMessage(failed, deps)).toMatchObject({ status: 'FAILED' });

    for (const id of [suppressed, unsubscribed]) expect(await storedMessage(id)).not.toHaveProperty('gsi1pk');
    expect(await indexPartition('SUPPRESSED')).toEqual([]);
    expect(await indexPartition('UNSUBSCRIBED')).toEqual([]);
    expect(await storedMessage(failed)).toMatchObject({ status: 'FAILED', gsi1pk: 'OUTBOX#FAILED' });
    expect((await outboxRepository.listByStatus('FAILED', 100)).items.map((item) => item.messageId)).toContain(failed);
  });
});

describe('the sweep and the backlog metric read every shard, by queries', () => {
  it('finds due messages on every shard, oldest first, and delivers each', async () => {
    const now = Date.now();
    const ids = idsOnEveryShard();
    const recipients = ids.map(() => uniqueEmail('sharded'));
    // Due times fall with the shard number: the order checks oldest first across shards.
    for (const [index, id] of ids.entries()) {
      await queue({ ...verificationTo(recipients[index]!), messageId: id }, new Date(now - minutes(60 - index)));
      opened.push(id);
    }
    const send = vi.spyOn(documentClient, 'send');

    expect(await outboxRepository.dueMessageIds(new Date(now), 500)).toEqual(expect.arrayContaining(ids));
    const commands = send.mock.calls.map(([command]) => command);
    expect(commands.every((command) => command instanceof QueryCommand)).toBe(true);
    const partitionsRead = commands.map((command) => (command as QueryCommand).input.ExpressionAttributeValues?.[':pk']);
    for (const status of ['PENDING', 'SENDING'] as const) {
      for (const partition of openStatusPartitions(status)) expect(partitionsRead).toContain(`OUTBOX#${partition}`);
    }
    const mine = (await outboxRepository.dueMessageIds(new Date(now), 500)).filter((id) => ids.includes(id));
    expect(mine).toEqual(ids);

    const { deps, clock } = testDelivery();
    clock.set(new Date(now));
    await deliverDueMessages(deps, everything);
    for (const [index, id] of ids.entries()) {
      expect(await waitForEmails(recipients[index]!, 1)).toHaveLength(1);
      expect(await storedMessage(id)).toMatchObject({ status: 'SENT', attempts: 1 });
    }
  });

  it('reads a backlog a share per shard: one sweep’s worth of items, not one per shard', async () => {
    const now = Date.now();
    const backlog = [...idsOnEveryShard(), ...idsOnEveryShard(), ...idsOnEveryShard()];
    for (const id of backlog) {
      await queue({ ...verificationTo(uniqueEmail('backlog')), messageId: id }, new Date(now - minutes(5)));
      opened.push(id);
    }
    const send = vi.spyOn(documentClient, 'send');

    const due = await outboxRepository.dueMessageIds(new Date(now), openStatusShards);

    expect(due).toHaveLength(openStatusShards);
    expect(new Set(due.map(shardOf)).size).toBe(openStatusShards);
    const answers = (await Promise.all(send.mock.results.map((result) => result.value))) as { Items?: unknown[] }[];
    expect(answers.reduce((count, answer) => count + (answer.Items?.length ?? 0), 0)).toBe(openStatusShards);
  });

  it('the oldest pending message is found on whichever shard it sits, and the sweep reports its age', async () => {
    const now = Date.now();
    const ids = idsOnEveryShard();
    const oldestShard = 5;
    for (const [shard, id] of ids.entries()) {
      const age = shard === oldestShard ? minutes(30) : minutes(10 + shard);
      await queue({ ...verificationTo(uniqueEmail('backlog')), messageId: id }, new Date(now - age));
      opened.push(id);
    }

    expect(await outboxRepository.oldestPending()).toEqual({ messageId: ids[oldestShard], dueAt: new Date(now - minutes(30)).toISOString() });
    const addMetric = vi.spyOn(metrics, 'addMetric');
    // Too little time left to deliver anything: the messages stay pending and late.
    const result = (await mailer(sweepEvent, context(1000))) as { oldestPendingAge: number };
    expect(result.oldestPendingAge).toBeGreaterThanOrEqual(30 * 60);
    expect(result.oldestPendingAge).toBeLessThan(31 * 60);
    expect(addMetric).toHaveBeenCalledWith(metricNames.oldestPendingEmailAge, 'Seconds', result.oldestPendingAge);
  });
});

describe('messages written before the index was sparse and sharded', () => {
  /** An outbox item as the code before this change wrote it: one index partition per status, for life. */
  const legacy = (message: NewMessage & { messageId: string }, status: MessageStatus, at: string, extra: Record<string, unknown> = {}) => ({
    pk: `OUTBOX#${message.messageId}`,
    sk: 'OUTBOX',
    entity: 'OUTBOX',
    schemaVersion: '1',
    ...message,
    category: messageCategories[message.template],
    status,
    statusAt: at,
    attempts: status === 'PENDING' ? 0 : 1,
    createdAt: at,
    dueAt: at,
    gsi1pk: `OUTBOX#${status}`,
    gsi1sk: `${at}#${message.messageId}`,
    ...extra,
  });
  const put = (item: Record<string, unknown>) => documentClient.send(new PutCommand({ TableName: config.TABLE_NAME, Item: item }));
  const message = (label: string) => ({ ...verificationTo(uniqueEmail(label)), messageId: `legacy-${randomUUID()}` });

  it('a pending one is still found by the sweep and the backlog metric, and delivered', async () => {
    const at = new Date(Date.now() - minutes(90)).toISOString();
    const pending = message('legacy-pending');
    // Written before statusAt existed too: its index sort key holds the time.
    const { statusAt: _statusAt, ...withoutStatusAt } = legacy(pending, 'PENDING', at);
    await put(withoutStatusAt);
    opened.push(pending.messageId);

    expect(await outboxRepository.oldestPending()).toEqual({ messageId: pending.messageId, dueAt: at });
    const { deps } = testDelivery();
    await deliverDueMessages(deps, everything);
    expect(await waitForEmails(pending.to, 1)).toHaveLength(1);
    const sent = await storedMessage(pending.messageId);
    expect(sent).toMatchObject({ status: 'SENT' });
    expect(sent).not.toHaveProperty('gsi1pk');
  });

  it('the migration takes finished ones out of the index and moves open ones to their shard; a second run changes nothing', async () => {
    const at = new Date(Date.now() - minutes(60)).toISOString();
    const sent = message('legacy-sent');
    const suppressed = message('legacy-suppressed');
    const unsubscribed = { ...invitationTo(uniqueEmail('legacy-unsubscribed')), messageId: `legacy-${randomUUID()}` };
    const pending = message('legacy-pending');
    const failed = message('legacy-failed');
    await put(legacy(sent, 'SENT', at, { sentAt: at, subject: 'Sent', sesMessageId: 'ses-1', data: undefined }));
    await put(legacy(suppressed, 'SUPPRESSED', at, { lastError: 'Bounce' }));
    await put(legacy(unsubscribed, 'UNSUBSCRIBED', at));
    const { statusAt: _statusAt, ...pendingItem } = legacy(pending, 'PENDING', at);
    await put(pendingItem);
    await put(legacy(failed, 'FAILED', at, { lastError: 'MessageRejected' }));
    opened.push(pending.messageId);

    expect(await outboxStatusIndex.run()).toEqual({ examined: 4, changed: 4 });

    for (const { messageId } of [sent, suppressed, unsubscribed]) {
      const stored = await storedMessage(messageId);
      expect(stored).not.toHaveProperty('gsi1pk');
      expect(stored).not.toHaveProperty('gsi1sk');
    }
    expect(await storedMessage(sent.messageId)).toMatchObject({ status: 'SENT', subject: 'Sent', sesMessageId: 'ses-1' });
    expect(await storedMessage(pending.messageId)).toMatchObject({
      status: 'PENDING',
      statusAt: at,
      gsi1pk: `OUTBOX#PENDING#${shardOf(pending.messageId)}`,
      gsi1sk: `${at}#${pending.messageId}`,
    });
    expect(await storedMessage(failed.messageId)).toMatchObject({ status: 'FAILED', gsi1pk: 'OUTBOX#FAILED', gsi1sk: `${at}#${failed.messageId}` });
    for (const status of ['SENT', 'SUPPRESSED', 'UNSUBSCRIBED', 'PENDING', 'SENDING']) expect(await indexPartition(status)).toEqual([]);
    expect(await outboxRepository.dueMessageIds(new Date(), 500)).toContain(pending.messageId);
    expect((await outboxRepository.listByStatus('FAILED', 100)).items.map((item) => item.messageId)).toContain(failed.messageId);

    const all = [sent, suppressed, unsubscribed, pending, failed].map(({ messageId }) => messageId);
    const afterFirstRun = await Promise.all(all.map(storedMessage));
    expect(await outboxStatusIndex.run()).toEqual({ examined: 0, changed: 0 });
    expect(await Promise.all(all.map(storedMessage))).toEqual(afterFirstRun);
  });
});
