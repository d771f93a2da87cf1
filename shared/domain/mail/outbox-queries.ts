import type { Page } from '../page.js';
import type { ListedStatus, OutboxMessage } from './outbox-message.js';
import type { OutboxListing } from './ports.js';

/** Named query: outbox messages of one listed status, newest first (FAILED ones stay until an administrator retries them or they are dealt with). */
export function listOutboxMessages(options: { status: ListedStatus; limit: number; cursor?: string }, outbox: OutboxListing): Promise<Page<OutboxMessage>> {
  return outbox.listByStatus(options.status, options.limit, options.cursor);
}
