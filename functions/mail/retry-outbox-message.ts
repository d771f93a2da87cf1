import { retryDependencies } from '../../shared/composition/mail.js';
import { outboxMessageView, retryOutboxMessage } from '../../shared/contracts/mail.js';
import { retryFailedMessage } from '../../shared/domain/mail/retry-message.js';
import { httpHandler } from '../../shared/http/handler.js';
import { json } from '../../shared/http/responses.js';

export const handler = httpHandler(retryOutboxMessage, async ({ params }, { principal }) => {
  const retried = await retryFailedMessage(params.id, principal!, retryDependencies);
  // The contract's view drops the message content, as the listing does.
  return json(200, outboxMessageView.parse(retried));
});
