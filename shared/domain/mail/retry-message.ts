import type { Actor } from '../actor.js';
import { auditEntry } from '../audit/audit-entry.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { OutboxMessage } from './outbox-message.js';
import { MessageNotFailed, type RetryDependencies } from './ports.js';

const notFailed = (message: string) => new ConflictError(message, 'NOT_FAILED');

/**
 * An administrator sends a FAILED message again: it goes back to PENDING,
 * due now, with its attempts reset, and the mailer delivers it. The audit
 * entry is written in the same transaction and names people by ids only
 * (the actor's subject, the message's id), never by address.
 */
export async function retryFailedMessage(messageId: string, actor: Actor, deps: RetryDependencies): Promise<OutboxMessage> {
  const message = await deps.outbox.get(messageId);
  if (!message) throw new NotFoundError('No outbox message has this id.');
  if (message.status !== 'FAILED') throw notFailed(`Only a FAILED message can be retried; this one is ${message.status}.`);
  const now = deps.clock.now();
  const retried: OutboxMessage = { ...message, status: 'PENDING', attempts: 0, dueAt: now.toISOString() };
  delete retried.lastError;
  try {
    await deps.outbox.retry(
      messageId,
      now,
      auditEntry({
        id: deps.ids.newId(),
        at: now,
        actor: { subject: actor.subject },
        action: 'outbox.retry',
        target: `outbox/${messageId}`,
        before: { status: message.status, attempts: message.attempts },
        after: { status: retried.status, attempts: retried.attempts, dueAt: retried.dueAt },
      }),
    );
  } catch (error) {
    // Two administrators retried at once: the other's retry won, and one delivery is queued.
    if (error instanceof MessageNotFailed) throw notFailed('Another administrator retried this message a moment ago.');
    throw error;
  }
  return retried;
}
