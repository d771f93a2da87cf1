import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../../config.js';
import type { MessageStatus, NewMessage, OutboxMessage } from '../../domain/mail/outbox-message.js';
import type { OutboxBacklog, OutboxStore } from '../../domain/mail/ports.js';
import { templates } from '../../email/templates/index.js';
import { randomIds } from '../../platform/ids.js';
import { documentClient } from './client.js';
import { epochSeconds, fromItem } from './items.js';
import { entities, keys, normaliseEmail } from './keys.js';
import { decodeCursor, encodeCursor, type Page } from './pagination.js';
import type { TransactItem } from './transaction.js';

const finishedRetentionDays = 180;

/**
 * The transaction item that queues one email. A deterministic `messageId`
 * makes the put fail if that message was already queued, so a retried use
 * case cannot queue it twice.
 */
export function outboxPut(message: NewMessage, now: Date): TransactItem {
  const messageId = message.messageId ?? randomIds.newId();
  const createdAt = now.toISOString();
  const item: OutboxMessage & Record<string, unknown> = {
    ...keys.outboxMessage(messageId),
    entity: entities.outbox,
    ...message,
    to: normaliseEmail(message.to),
    messageId,
    category: templates[message.template].category,
    status: 'PENDING',
    attempts: 0,
    createdAt,
    dueAt: createdAt,
    gsi1pk: keys.outboxByStatus('PENDING'),
    gsi1sk: keys.outboxStatusSort(createdAt, messageId),
  };
  return { Put: { TableName: config.TABLE_NAME, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException;
}

export const outboxRepository: OutboxStore & OutboxBacklog & {
  listByStatus(status: MessageStatus, limit: number, cursor?: string): Promise<Page<OutboxMessage>>;
} = {
  async claim(messageId, now, leaseMs) {
    const nowIso = now.toISOString();
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    try {
      const result = await documentClient.send(
        new UpdateCommand({
          TableName: config.TABLE_NAME,
          Key: keys.outboxMessage(messageId),
          UpdateExpression: 'SET #status = :sending, leaseUntil = :lease, attempts = attempts + :one, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk',
          ConditionExpression: '(#status = :pending AND dueAt <= :now) OR (#status = :sending AND leaseUntil <= :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sending': 'SENDING',
            ':pending': 'PENDING',
            ':now': nowIso,
            ':lease': leaseUntil,
            ':one': 1,
            ':gsi1pk': keys.outboxByStatus('SENDING'),
            ':gsi1sk': keys.outboxStatusSort(leaseUntil, messageId),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes as OutboxMessage;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  },

  async finish(message, outcome, now) {
    const nowIso = now.toISOString();
    const finished = outcome.status !== 'PENDING';
    const values: Record<string, unknown> = {
      ':status': outcome.status,
      ':sending': 'SENDING',
      ':lease': message.leaseUntil,
      ':gsi1pk': keys.outboxByStatus(outcome.status),
      ':gsi1sk': keys.outboxStatusSort(outcome.status === 'PENDING' ? outcome.dueAt : nowIso, message.messageId),
      ':updatedAt': nowIso,
    };
    const sets = ['#status = :status', 'gsi1pk = :gsi1pk', 'gsi1sk = :gsi1sk', 'updatedAt = :updatedAt'];
    const names: Record<string, string> = { '#status': 'status' };
    const removes = ['leaseUntil'];
    if (outcome.status === 'SENT') {
      sets.push('sentAt = :updatedAt', 'sesMessageId = :sesMessageId', 'subject = :subject');
      values[':sesMessageId'] = outcome.sesMessageId;
      values[':subject'] = outcome.subject;
      removes.push('lastError');
    }
    if (outcome.status === 'PENDING') {
      sets.push('dueAt = :dueAt');
      values[':dueAt'] = outcome.dueAt;
    }
    if ('reason' in outcome) {
      sets.push('lastError = :reason');
      values[':reason'] = outcome.reason.slice(0, 1000);
    }
    if (finished && outcome.status !== 'FAILED') {
      // Delivered or skipped messages age out; FAILED ones stay until an administrator has seen them.
      // Their content goes at once: it holds personal data and working links (verification, RSVP).
      removes.push('#data', 'attachments');
      names['#data'] = 'data';
      sets.push('expiresAt = :expiresAt');
      values[':expiresAt'] = epochSeconds(now) + finishedRetentionDays * 86_400;
    }
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: config.TABLE_NAME,
          Key: keys.outboxMessage(message.messageId),
          UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
          ConditionExpression: '#status = :sending AND leaseUntil = :lease',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      // Our lease expired and another mailer took the message over; its outcome wins.
      if (!isConditionFailure(error)) throw error;
    }
  },

  async dueMessageIds(now, limit) {
    const upTo = `${now.toISOString()}#~`;
    const ids: string[] = [];
    for (const status of ['PENDING', 'SENDING'] as const) {
      if (ids.length >= limit) break;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documentClient.send(
          new QueryCommand({
            TableName: config.TABLE_NAME,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :upTo',
            ExpressionAttributeValues: { ':pk': keys.outboxByStatus(status), ':upTo': upTo },
            ProjectionExpression: 'messageId',
            Limit: limit - ids.length,
            ExclusiveStartKey: startKey,
          }),
        );
        ids.push(...(page.Items ?? []).map((item) => item.messageId as string));
        startKey = page.LastEvaluatedKey;
      } while (startKey && ids.length < limit);
    }
    return ids;
  },

  async oldestPending() {
    // The PENDING partition of the status index sorts by due time: its first item has waited longest.
    const page = await documentClient.send(
      new QueryCommand({
        TableName: config.TABLE_NAME,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.outboxByStatus('PENDING') },
        ProjectionExpression: 'messageId, dueAt',
        ScanIndexForward: true,
        Limit: 1,
      }),
    );
    const item = page.Items?.[0];
    return item ? { messageId: item.messageId as string, dueAt: item.dueAt as string } : undefined;
  },

  async listByStatus(status, limit, cursor) {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: config.TABLE_NAME,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.outboxByStatus(status) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, { index: 'gsi1', partition: keys.outboxByStatus(status) }),
      }),
    );
    return { items: (page.Items ?? []).map((item) => fromItem<OutboxMessage>(item)), nextCursor: encodeCursor(page.LastEvaluatedKey) };
  },
};
