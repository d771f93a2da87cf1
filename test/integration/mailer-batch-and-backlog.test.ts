import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent, ScheduledEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handler as mailer } from '../../functions/mail/deliver-outbox.js';
import { outboxRepository } from '../../shared/adapters/dynamo/outbox-repository.js';
import type { NewMessage } from '../../shared/domain/mail/outbox-message.js';
import { metricNames, metrics } from '../../shared/platform/metrics.js';
import { queue, storedMessage, verificationTo } from '../support/outbox-helpers.js';
import { uniqueEmail, waitForEmails } from '../support/mailbox.js';

const context = (remainingMs = 60_000) => ({ functionName: 'glokal-mailer', awsRequestId: 'test', getRemainingTimeInMillis: () => remainingMs }) as unknown as Context;
const minutes = (count: number) => count * 60_000;

// Every message a test queues is finished after it (SUPPRESSED, if still open), so each test sees only its own pending messages.
const queued: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  const later = new Date(Date.now() + minutes(24 * 60));
  for (const messageId of queued.splice(0)) {
    const open = await outboxRepository.claim(messageId, later, 60_000);
    if (open) await outboxRepository.finish(open, { status: 'SUPPRESSED', reason: 'test cleanup' }, later);
  }
});

async function queueAt(message: NewMessage, dueAt: Date): Promise<string> {
  const messageId = await queue(message, dueAt);
  queued.push(messageId);
  return messageId;
}

/** A stream record the mailer cannot process: DynamoDB refuses its key (over 2 KB), so its delivery throws. */
const unprocessable = () => `broken-${'x'.repeat(2100)}`;

function streamEventFor(messageIds: string[]): DynamoDBStreamEvent {
  return {
    Records: messageIds.map((messageId, index) => ({
      eventID: `event-${index}`,
      eventName: 'INSERT',
      eventSource: 'aws:dynamodb',
      dynamodb: { NewImage: { messageId: { S: messageId }, entity: { S: 'OUTBOX' } }, SequenceNumber: `${1000 + index}` },
    })),
  } as DynamoDBStreamEvent;
}

const sweepEvent = { 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time: new Date().toISOString() } as unknown as ScheduledEvent;

describe('mailer stream batch (Powertools Batch, partial failures)', () => {
  it('reports the one record that failed as a batch item failure and delivers the others', async () => {
    const now = new Date(Date.now() - 1000);
    const recipients = [uniqueEmail('batch'), uniqueEmail('batch'), uniqueEmail('batch')];
    const good = [await queueAt(verificationTo(recipients[0]!), now), await queueAt(verificationTo(recipients[1]!), now)];
    const last = await queueAt(verificationTo(recipients[2]!), now);

    const answer = (await mailer(streamEventFor([good[0]!, unprocessable(), good[1]!, last]), context())) as DynamoDBBatchResponse;

    // The unprocessable record is the second of the batch: sequence number 1001.
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: '1001' }] });
    for (const [index, messageId] of [...good, last].entries()) {
      expect(await storedMessage(messageId)).toMatchObject({ status: 'SENT', attempts: 1 });
      expect(await waitForEmails(recipients[index]!, 1)).toHaveLength(1);
    }
  });

  it('fails the invocation when every record fails, so the errors alarm and the mapping see it', async () => {
    await expect(mailer(streamEventFor([unprocessable(), unprocessable()]), context())).rejects.toThrow(/All records failed processing/);
  });
});

describe('outbox backlog', () => {
  it('the oldest pending message is the one due longest ago, found through the status index', async () => {
    const now = Date.now();
    const oldest = await queueAt(verificationTo(uniqueEmail('backlog')), new Date(now - minutes(180)));
    await queueAt(verificationTo(uniqueEmail('backlog')), new Date(now - minutes(120)));
    // Not pending any more: a message that was sent long ago does not count.
    const sent = await queueAt(verificationTo(uniqueEmail('backlog')), new Date(now - minutes(300)));
    const claimed = await outboxRepository.claim(sent, new Date(now), 60_000);
    await outboxRepository.finish(claimed!, { status: 'SENT', sesMessageId: 'ses-1', subject: 'subject' }, new Date(now));

    expect(await outboxRepository.oldestPending()).toEqual({ messageId: oldest, dueAt: new Date(now - minutes(180)).toISOString() });
  });

  it('the sweep reports the age of the oldest pending message as a metric', async () => {
    await queueAt(verificationTo(uniqueEmail('late')), new Date(Date.now() - minutes(10)));
    const addMetric = vi.spyOn(metrics, 'addMetric');
    // Too little time left to deliver anything: the message stays pending and late.
    const result = (await mailer(sweepEvent, context(1000))) as { oldestPendingAge: number };

    expect(result.oldestPendingAge).toBeGreaterThanOrEqual(600);
    expect(result.oldestPendingAge).toBeLessThan(660);
    expect(addMetric).toHaveBeenCalledWith(metricNames.oldestPendingEmailAge, 'Seconds', result.oldestPendingAge);
  });

  it('the sweep reports zero once everything due is delivered', async () => {
    const to = uniqueEmail('on-time');
    await queueAt(verificationTo(to), new Date(Date.now() - minutes(10)));
    const addMetric = vi.spyOn(metrics, 'addMetric');
    await mailer(sweepEvent, context());

    expect(await waitForEmails(to, 1)).toHaveLength(1);
    expect(addMetric).toHaveBeenCalledWith(metricNames.oldestPendingEmailAge, 'Seconds', 0);
  });
});
