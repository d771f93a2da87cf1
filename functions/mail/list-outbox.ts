import { outboxRepository } from '../../shared/adapters/dynamo/outbox-repository.js';
import { listOutbox } from '../../shared/contracts/mail.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(listOutbox, async ({ query }) => {
  const page = await outboxRepository.listByStatus(query.status, query.limit, query.cursor);
  const items = page.items.map(({ messageId, to, template, category, status, attempts, createdAt, dueAt, sentAt, lastError }) => ({
    messageId, to, template, category, status, attempts, createdAt, dueAt, sentAt, lastError,
  }));
  return json(200, { items, nextCursor: page.nextCursor });
});
