import type { EntityItem } from 'electrodb';
import { messageCategories } from '../../domain/mail/messages.js';
import type { NewMessage, OutboxMessage } from '../../domain/mail/outbox-message.js';
import { MessageNotFailed, type OutboxBacklog, type OutboxListing, type OutboxRetries, type OutboxStore } from '../../domain/mail/ports.js';
import { randomIds } from '../../platform/ids.js';
import { epochSeconds, normaliseEmail, tolerant } from './entities/common.js';
import { auditWrite } from './audit-log.js';
import { openStatusPartitions, statusPartition } from './outbox-index.js';
import { cursorFor } from './pagination.js';
import { glokal } from './service.js';
import { ConditionsFailed, isConditionFailure, writeTogether, type TransactionEntities } from './transaction.js';

const { outboxMessage } = glokal.entities;

const finishedRetentionDays = 180;

/**
 * A new message as stored: PENDING, due at once, listed by its due time. A
 * deterministic `messageId` makes the write fail if that message was already
 * queued, so a retried use case cannot queue it twice.
 */
export function newOutboxItem(message: NewMessage, now: Date) {
  const createdAt = now.toISOString();
  const messageId = message.messageId ?? randomIds.newId();
  return {
    ...message,
    messageId,
    to: normaliseEmail(message.to),
    category: messageCategories[message.template],
    status: 'PENDING',
    statusPartition: statusPartition('PENDING', messageId),
    statusAt: createdAt,
    attempts: 0,
    createdAt,
    dueAt: createdAt,
  } as const;
}

/** The transaction write that queues one email (refused if a message with its id exists). */
export function outboxPut(tx: TransactionEntities, message: NewMessage, now: Date) {
  return tx.outboxMessage.create(newOutboxItem(message, now)).commit();
}

/**
 * The stored message as the domain sees it. `template` and `data` were
 * written together from one typed message, so they still belong together.
 */
/** Where a message sits in its index partition: `statusAt` (items written before it sorted by their due time). */
const indexTime = (item: { statusAt?: string; dueAt: string }) => item.statusAt ?? item.dueAt;

function toOutboxMessage(item: EntityItem<typeof outboxMessage>): OutboxMessage {
  const { statusAt: _statusAt, statusPartition: _statusPartition, expiresAt: _expiresAt, updatedAt: _updatedAt, ...message } = item;
  return message as OutboxMessage;
}

export const outboxRepository: OutboxStore & OutboxBacklog & OutboxListing & OutboxRetries = {
  async claim(messageId, now, leaseMs) {
    const nowIso = now.toISOString();
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    try {
      const { data } = await outboxMessage
        .update({ messageId })
        .set({ status: 'SENDING', statusPartition: statusPartition('SENDING', messageId), statusAt: leaseUntil, leaseUntil })
        .add({ attempts: 1 })
        .where(
          (attribute, { eq, lte }) =>
            `(${eq(attribute.status, 'PENDING')} AND ${lte(attribute.dueAt, nowIso)}) OR (${eq(attribute.status, 'SENDING')} AND ${lte(attribute.leaseUntil, nowIso)})`,
        )
        .go({ response: 'all_new' });
      return toOutboxMessage(data as EntityItem<typeof outboxMessage>);
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  },

  async finish(message, outcome, now) {
    const nowIso = now.toISOString();
    // Delivered or skipped messages age out; FAILED ones stay until an administrator has seen them.
    // Their content goes at once: it holds personal data and working links (verification, RSVP).
    const ageOut = outcome.status !== 'PENDING' && outcome.status !== 'FAILED';
    try {
      await outboxMessage
        .update({ messageId: message.messageId })
        .set({
          status: outcome.status,
          // SENT, SUPPRESSED and UNSUBSCRIBED leave the status index: the entity's index condition removes both keys.
          statusPartition: statusPartition(outcome.status, message.messageId),
          statusAt: outcome.status === 'PENDING' ? outcome.dueAt : nowIso,
          updatedAt: nowIso,
          ...(outcome.status === 'SENT' ? { sentAt: nowIso, sesMessageId: outcome.sesMessageId, subject: outcome.subject } : {}),
          ...(outcome.status === 'PENDING' ? { dueAt: outcome.dueAt } : {}),
          ...('reason' in outcome ? { lastError: outcome.reason.slice(0, 1000) } : {}),
          ...(ageOut ? { expiresAt: epochSeconds(now) + finishedRetentionDays * 86_400 } : {}),
        })
        .remove(['leaseUntil', ...(outcome.status === 'SENT' ? (['lastError'] as const) : []), ...(ageOut ? (['data', 'attachments'] as const) : [])])
        .where((attribute, { eq }) => `${eq(attribute.status, 'SENDING')} AND ${eq(attribute.leaseUntil, message.leaseUntil ?? '')}`)
        .go();
    } catch (error) {
      // Our lease expired and another mailer took the message over; its outcome wins.
      if (!isConditionFailure(error)) throw error;
    }
  },

  async dueMessageIds(now, limit) {
    const ids: string[] = [];
    for (const status of ['PENDING', 'SENDING'] as const) {
      if (ids.length >= limit) break;
      const remaining = limit - ids.length;
      const partitions = openStatusPartitions(status);
      // Messages spread evenly over the shards, so each gives its share: a backlog of thousands costs one
      // sweep's worth of reads, not a sweep's worth per shard (whole items are read: the index projects all).
      const share = Math.ceil(remaining / (partitions.length - 1));
      // Every shard of the status, oldest first across them.
      const due = await Promise.all(
        partitions.map(async (partition) => {
          const { data } = await outboxMessage.query
            .byStatus({ statusPartition: partition })
            // Up to and including now: '~' sorts after every message id.
            .lte({ statusAt: now.toISOString(), messageId: '~' })
            .go({ ...tolerant, attributes: ['messageId', 'statusAt', 'dueAt'], limit: share, count: share });
          return data;
        }),
      );
      const oldestFirst = due.flat().sort((a, b) => indexTime(a).localeCompare(indexTime(b)));
      ids.push(...oldestFirst.slice(0, remaining).map((item) => item.messageId));
    }
    return ids;
  },

  async oldestPending() {
    // Each PENDING shard sorts by due time: the oldest of their first items has waited longest.
    const firsts = await Promise.all(
      openStatusPartitions('PENDING').map(async (partition) => {
        const { data } = await outboxMessage.query.byStatus({ statusPartition: partition }).go({ ...tolerant, order: 'asc', limit: 1, attributes: ['messageId', 'dueAt'] });
        return data[0];
      }),
    );
    const oldest = firsts.filter((item) => item !== undefined).sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
    return oldest ? { messageId: oldest.messageId, dueAt: oldest.dueAt } : undefined;
  },

  async get(messageId) {
    const { data } = await outboxMessage.get({ messageId }).go({ consistent: true });
    return data ? toOutboxMessage(data) : undefined;
  },

  async retry(messageId, now, audit) {
    const nowIso = now.toISOString();
    try {
      await writeTogether((tx) => ({
        message: tx.outboxMessage
          .update({ messageId })
          .set({ status: 'PENDING', statusPartition: statusPartition('PENDING', messageId), statusAt: nowIso, dueAt: nowIso, attempts: 0, updatedAt: nowIso })
          .remove(['lastError'])
          .where((attribute, { eq }) => eq(attribute.status, 'FAILED'))
          .commit(),
        auditEntry: auditWrite(tx, audit),
      }));
    } catch (error) {
      if (error instanceof ConditionsFailed && error.rejected('message')) throw new MessageNotFailed();
      throw error;
    }
  },

  async listByStatus(status, limit, cursor) {
    // Listed statuses (FAILED) are not sharded: one partition, as before sharding.
    const query = outboxMessage.query.byStatus({ statusPartition: status });
    const page = await query.go({ ...tolerant, order: 'desc', limit, cursor: cursorFor(cursor, query) });
    return { items: page.data.map(toOutboxMessage), ...(page.cursor ? { nextCursor: page.cursor } : {}) };
  },
};
