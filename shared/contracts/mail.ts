import * as z from 'zod';
import { defineRoute } from '../http/route.js';
import { listedStatuses, messageStatuses } from '../domain/mail/outbox-message.js';
import { languages } from '../email/language.js';
import { subscriptionCategories } from '../email/template.js';
import { cursorQuery } from './common.js';

const tokenParams = z.object({ token: z.string().min(10).max(200) });
const categoryQuery = z.object({
  category: z.enum(subscriptionCategories as ['events', 'grants']).optional(),
  lang: z.enum(languages).optional(),
});

export const getPreferences = defineRoute({
  operationId: 'getPreferences',
  method: 'GET',
  path: '/unsubscribe/{token}',
  access: 'public',
  summary: 'Notification preferences page (PL/EN), reached from the footer of member communications',
  tags: ['email'],
  params: tokenParams,
  query: categoryQuery,
  responses: { 200: { description: 'The preferences page.', contentType: 'text/html' }, 404: { description: 'Unknown link.', contentType: 'text/html' } },
});

export const postUnsubscribe = defineRoute({
  operationId: 'postUnsubscribe',
  method: 'POST',
  path: '/unsubscribe/{token}',
  access: 'public',
  summary: 'One-click unsubscribe (RFC 8058: body List-Unsubscribe=One-Click, category in the query), or saving the preferences form',
  tags: ['email'],
  params: tokenParams,
  query: categoryQuery,
  body: z
    .object({
      'List-Unsubscribe': z.literal('One-Click').optional(),
      form: z.literal('preferences').optional(),
      events: z.literal('on').optional(),
      grants: z.literal('on').optional(),
    })
    .refine((body) => body['List-Unsubscribe'] === 'One-Click' || body.form === 'preferences', {
      path: ['List-Unsubscribe'],
      message: 'Send List-Unsubscribe=One-Click (RFC 8058) with the link’s category, or the preferences form.',
    })
    .describe('Either the RFC 8058 one-click body `List-Unsubscribe=One-Click` (the link’s `category` query is then required), or the preferences form (`form=preferences` and a checkbox per category kept).'),
  responses: {
    200: { description: 'Unsubscribed from the link’s category, or preferences saved: the preferences page.', contentType: 'text/html' },
    400: { description: 'Neither a one-click body with a category nor the preferences form: nothing changed.' },
    404: { description: 'Unknown link.', contentType: 'text/html' },
  },
});

export const outboxMessageView = z.object({
  messageId: z.string(),
  to: z.string(),
  template: z.string(),
  category: z.string(),
  status: z.enum(messageStatuses),
  attempts: z.number(),
  createdAt: z.string(),
  dueAt: z.string(),
  sentAt: z.string().optional(),
  lastError: z.string().optional(),
});

export const listOutbox = defineRoute({
  operationId: 'listOutbox',
  method: 'GET',
  path: '/admin/outbox',
  // product.md, Administration: viewers read everything admins read but the audit log and data subject exports.
  access: 'viewer',
  summary: 'FAILED outbox messages, newest first (they stay until an administrator retries them); delivered and skipped ones are not listed',
  tags: ['email'],
  query: z.object({
    status: z.enum(listedStatuses).default('FAILED'),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: cursorQuery,
  }),
  responses: { 200: { description: 'One page of messages.', schema: z.object({ items: z.array(outboxMessageView), nextCursor: z.string().optional() }) } },
});

export const retryOutboxMessage = defineRoute({
  operationId: 'retryOutboxMessage',
  method: 'POST',
  path: '/admin/outbox/{id}/retry',
  access: 'admin',
  summary: 'Send a FAILED message again: back to PENDING, attempts reset, due now; the mailer delivers it',
  tags: ['email'],
  // Deterministic message ids (one per contact, event and kind) are longer than entity ids.
  params: z.object({ id: z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'A message id is printable ASCII without spaces.') }),
  responses: {
    200: { description: 'Queued again.', schema: outboxMessageView },
    404: { description: 'No outbox message has this id.' },
    409: { description: 'The message is not FAILED (also when another administrator retried it at the same moment).' },
  },
});
