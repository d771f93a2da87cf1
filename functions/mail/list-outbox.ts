import { outboxListing } from '../../shared/composition/mail.js';
import { listOutbox, outboxMessageView } from '../../shared/contracts/mail.js';
import { listOutboxMessages } from '../../shared/domain/mail/outbox-queries.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(listOutbox, async ({ query }) => {
  const page = await listOutboxMessages(query, outboxListing);
  // The contract's view keeps what an administrator needs and drops the message content.
  return json(200, { items: page.items.map((message) => outboxMessageView.parse(message)), nextCursor: page.nextCursor });
});
