import { messageStatuses } from '../../../domain/mail/outbox-message.js';
import { languages } from '../../../domain/language.js';
import { emailCategories } from '../../../domain/mail/categories.js';
import { isIndexedPartition } from '../outbox-index.js';
import { addressKeyAttribute, byAddressIndex } from './address-index.js';
import { Entity, entityConfiguration, serviceName } from './common.js';

/**
 * An email in the transactional outbox. `byStatus` lists one index partition
 * (`statusPartition`: `PENDING#3`, `SENDING#5`, `FAILED`; see outbox-index.ts)
 * by the time that matters for it (`statusAt`: due time while PENDING, lease
 * end while SENDING, finish time after), oldest first. It is sparse: a
 * message leaves it once delivered or skipped. The mailer's stream filter
 * selects new and retried items by `entity = OUTBOX`.
 */
export const outboxMessage = new Entity(
  {
    model: { entity: 'OUTBOX', version: '1', service: serviceName },
    attributes: {
      messageId: { type: 'string', required: true },
      to: { type: 'string', required: true },
      lang: { type: languages, required: true },
      /** A template name; its `data` is that template's own payload, written from a typed message. */
      template: { type: 'string', required: true },
      data: { type: 'any' },
      attachments: {
        type: 'list',
        items: {
          type: 'map',
          properties: {
            filename: { type: 'string', required: true },
            contentType: { type: 'string', required: true },
            content: { type: 'string', required: true },
          },
        },
      },
      category: { type: emailCategories, required: true },
      status: { type: messageStatuses, required: true },
      /** The status index partition (outbox-index.ts); absent on items written before sharding, whose partition is their status. */
      statusPartition: { type: 'string' },
      statusAt: { type: 'string', required: true },
      attempts: { type: 'number', required: true },
      createdAt: { type: 'string', required: true },
      /** When the next attempt may start. */
      dueAt: { type: 'string', required: true },
      leaseUntil: { type: 'string' },
      sentAt: { type: 'string' },
      subject: { type: 'string' },
      sesMessageId: { type: 'string' },
      lastError: { type: 'string' },
      updatedAt: { type: 'string' },
      /** TTL of delivered and skipped messages; FAILED ones stay until an administrator has seen them. */
      expiresAt: { type: 'number' },
      addressKey: addressKeyAttribute('to'),
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['messageId'], template: 'OUTBOX#${messageId}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'OUTBOX', casing: 'none' },
      },
      byStatus: {
        index: 'gsi1',
        // Written only for statuses someone must find; any other status removes both keys.
        condition: (attributes) => isIndexedPartition(attributes.statusPartition),
        pk: { field: 'gsi1pk', composite: ['statusPartition'], template: 'OUTBOX#${statusPartition}', casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['statusAt', 'messageId'], template: '${statusAt}#${messageId}', casing: 'none' },
      },
      byAddress: byAddressIndex(['createdAt', 'messageId'], 'OUTBOX#${createdAt}#${messageId}'),
    },
  },
  entityConfiguration,
);
