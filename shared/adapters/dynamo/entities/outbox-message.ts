import { Entity } from 'electrodb';
import { messageStatuses } from '../../../domain/mail/outbox-message.js';
import { languages } from '../../../domain/language.js';
import { emailCategories } from '../../../domain/mail/categories.js';
import { entityConfiguration, serviceName } from './common.js';

/**
 * An email in the transactional outbox. `byStatus` lists one status by the
 * time that matters for it (`statusAt`: due time while PENDING, lease end
 * while SENDING, finish time after), oldest first; the mailer's stream filter
 * selects new items by `entity = OUTBOX`.
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
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['messageId'], template: 'OUTBOX#${messageId}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'OUTBOX', casing: 'none' },
      },
      byStatus: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['status'], template: 'OUTBOX#${status}', casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['statusAt', 'messageId'], template: '${statusAt}#${messageId}', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
