import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../../config.js';
import { messageStatuses, type MessageStatus } from '../../domain/mail/outbox-message.js';
import { mapWithConcurrency } from '../../platform/concurrency.js';
import { documentClient } from './client.js';
import { statusPartition } from './outbox-index.js';
import { glokal } from './service.js';
import { isConditionFailure } from './transaction.js';

const { outboxMessage } = glokal.entities;

/** Statuses whose pre-sharding partition (`OUTBOX#SENT`, `OUTBOX#PENDING`…) must be emptied; FAILED kept its partition. */
const movedStatuses = messageStatuses.filter((status) => status !== 'FAILED');

interface LegacyEntry {
  messageId: string;
  status: MessageStatus;
  gsi1sk: string;
}

/** One page of a pre-sharding partition of the status index: read as stored, keys included (a query, not a scan). */
async function legacyPage(status: MessageStatus, startKey?: Record<string, unknown>) {
  const page = await documentClient.send(
    new QueryCommand({
      TableName: config.TABLE_NAME,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :partition',
      ExpressionAttributeValues: { ':partition': `OUTBOX#${status}` },
      ProjectionExpression: 'messageId, #status, gsi1sk',
      ExpressionAttributeNames: { '#status': 'status' },
      ExclusiveStartKey: startKey,
    }),
  );
  return { entries: (page.Items ?? []) as LegacyEntry[], nextKey: page.LastEvaluatedKey };
}

/**
 * Gives a message written before sharding today's index entry: delivered and
 * skipped ones leave the index, open ones move to their shard. Conditional on
 * the message still having its old status and no partition of today (the
 * mailer's own updates give it one), so a message the mailer touches
 * meanwhile is left to the mailer. Returns whether it changed anything.
 */
async function moveEntry(entry: LegacyEntry): Promise<boolean> {
  // Items written before `statusAt` existed sort in the index by the time in front of their sort key.
  const statusAt = entry.gsi1sk.slice(0, entry.gsi1sk.lastIndexOf(`#${entry.messageId}`));
  try {
    await outboxMessage
      .update({ messageId: entry.messageId })
      .set({ statusPartition: statusPartition(entry.status, entry.messageId), statusAt })
      .where((attribute, { eq, notExists }) => `${eq(attribute.status, entry.status)} AND ${notExists(attribute.statusPartition)}`)
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Moves every message still on a pre-sharding partition of the status index; running it again finds none. */
export async function moveLegacyOutboxIndexEntries(): Promise<{ examined: number; changed: number }> {
  let examined = 0;
  let changed = 0;
  for (const status of movedStatuses) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const { entries, nextKey } = await legacyPage(status, startKey);
      examined += entries.length;
      const results = await mapWithConcurrency(entries, 10, moveEntry);
      changed += results.filter(Boolean).length;
      startKey = nextKey;
    } while (startKey);
  }
  return { examined, changed };
}
