import type { EntityItem } from 'electrodb';
import { messageCategories } from '../../domain/mail/messages.js';
import type { MessageStatus, NewMessage, OutboxMessage } from '../../domain/mail/outbox-message.js';
import type { OutboxBacklog, OutboxStore } from '../../domain/mail/ports.js';
import { randomIds } from '../../platform/ids.js';
import { epochSeconds, normaliseEmail, tolerant } from './entities/common.js';
import { cursorFor, type Page } from './pagination.js';
import { glokal } from './service.js';
import { isConditionFailure, type TransactionEntities } from './transaction.js';

const { outboxMessage } = glokal.entities;

const finishedRetentionDays = 180;

/**
 * A new message as stored: PENDING, due at once, listed by its due time. A
 * deterministic `messageId` makes the write fail if that message was already
 * queued, so a retried use case cannot queue it twice.
 */
export function newOutboxItem(message: NewMessage, now: Date) {
  const createdAt = now.toISOString();
  return {
    ...message,
    messageId: message.messageId ?? randomIds.newId(),
    to: normaliseEmail(message.to),
    category: messageCategories[message.template],
    status: 'PENDING',
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
function toOutboxMessage(item: EntityItem<typeof outboxMessage>): OutboxMessage {
  const { statusAt: _statusAt, expiresAt: _expiresAt, updatedAt: _updatedAt, ...message } = item;
  return message as OutboxMessage;
}

export const outboxRepository: OutboxStore &
  OutboxBacklog & {
    listByStatus(status: MessageStatus, limit: number, cursor?: string): Promise<Page<OutboxMessage>>;
  } = {
  async claim(messageId, now, leaseMs) {
    const nowIso = now.toISOString();
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    try {
      const { data } = await outboxMessage
        .update({ messageId })
        .set({ status: 'SENDING', statusAt: leaseUntil, leaseUntil })
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
      const { data } = await outboxMessage.query
        .byStatus({ status })
        // Up to and including now: '~' sorts after every message id.
        .lte({ statusAt: now.toISOString(), messageId: '~' })
        .go({ ...tolerant, attributes: ['messageId'], limit: remaining, count: remaining });
      ids.push(...data.map((item) => item.messageId));
    }
    return ids;
  },

  async oldestPending() {
    // The PENDING partition of the status index sorts by due time: its first item has waited longest.
    const { data } = await outboxMessage.query.byStatus({ status: 'PENDING' }).go({ ...tolerant, order: 'asc', limit: 1, attributes: ['messageId', 'dueAt'] });
    const item = data[0];
    return item ? { messageId: item.messageId, dueAt: item.dueAt } : undefined;
  },

  async listByStatus(status, limit, cursor) {
    const query = outboxMessage.query.byStatus({ status });
    const page = await query.go({ ...tolerant, order: 'desc', limit, cursor: cursorFor(cursor, query) });
    return { items: page.data.map(toOutboxMessage), ...(page.cursor ? { nextCursor: page.cursor } : {}) };
  },
};
