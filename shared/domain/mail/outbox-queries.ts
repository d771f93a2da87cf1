import type { Page } from '../page.js';
import type { MessageStatus, OutboxMessage } from './outbox-message.js';
import type { OutboxListing } from './ports.js';

/** Named query: outbox messages of one status, newest first (FAILED ones stay until an administrator deals with them). */
export function listOutboxMessages(options: { status: MessageStatus; limit: number; cursor?: string }, outbox: OutboxListing): Promise<Page<OutboxMessage>> {
  return outbox.listByStatus(options.status, options.limit, options.cursor);
}
