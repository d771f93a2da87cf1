import { describe, expect, it } from 'vitest';
import { deliverMessage } from '../../../shared/domain/mail/deliver-message.js';
import { ConflictError, NotFoundError } from '../../../shared/domain/errors.js';
import { retryFailedMessage } from '../../../shared/domain/mail/retry-message.js';
import { PermanentSendError } from '../../../shared/domain/mail/ports.js';
import { templates } from '../../../shared/email/templates/index.js';
import { fakeDelivery, fakeRetries } from '../../support/fakes/in-memory-delivery.js';

const admin = { subject: 'admin-sub-1', email: 'office@glokal.test' };
const verification = (to: string) => ({ to, lang: 'pl' as const, template: 'application-verification' as const, data: templates['application-verification'].sample });

/** A message that SES refused for good: FAILED after one attempt. */
async function failedMessage() {
  const delivery = fakeDelivery();
  delivery.sender.failWith(new PermanentSendError('MessageRejected'));
  const id = delivery.outbox.add(verification('anna@example.pl'), delivery.clock.now());
  await deliverMessage(id, delivery.deps);
  const retries = fakeRetries(delivery.outbox, delivery.clock);
  return { id, delivery, retries };
}

describe('retryFailedMessage', () => {
  it('puts a FAILED message back to PENDING, due now with no attempts, and the mailer then delivers it', async () => {
    const { id, delivery, retries } = await failedMessage();
    expect(delivery.outbox.messages.get(id)).toMatchObject({ status: 'FAILED', attempts: 1, lastError: expect.stringContaining('MessageRejected') });
    delivery.clock.advance(3_600_000);

    const retried = await retryFailedMessage(id, admin, retries.deps);

    expect(retried).toMatchObject({ messageId: id, status: 'PENDING', attempts: 0, dueAt: delivery.clock.now().toISOString() });
    expect(retried).not.toHaveProperty('lastError');
    expect(delivery.outbox.messages.get(id)).toMatchObject({ status: 'PENDING', attempts: 0, dueAt: delivery.clock.now().toISOString() });
    expect(await deliverMessage(id, delivery.deps)).toMatchObject({ status: 'SENT' });
    expect(delivery.sender.sent.map((email) => email.to)).toEqual(['anna@example.pl']);
  });

  it('audits the retry naming people by ids only: the actor’s subject and the message, never an address', async () => {
    const { id, delivery, retries } = await failedMessage();
    await retryFailedMessage(id, admin, retries.deps);

    expect(delivery.outbox.audit).toEqual([
      {
        auditId: 'audit-1',
        at: delivery.clock.now().toISOString(),
        actor: { subject: 'admin-sub-1' },
        action: 'outbox.retry',
        target: `outbox/${id}`,
        before: { status: 'FAILED', attempts: 1 },
        after: { status: 'PENDING', attempts: 0, dueAt: delivery.clock.now().toISOString() },
      },
    ]);
    expect(JSON.stringify(delivery.outbox.audit)).not.toContain('@');
  });

  it('refuses an unknown id as not found', async () => {
    const { retries } = await failedMessage();
    await expect(retryFailedMessage('no-such-message', admin, retries.deps)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a message that is not FAILED as a conflict, and changes nothing', async () => {
    const delivery = fakeDelivery();
    const sent = delivery.outbox.add(verification('jan@example.pl'), delivery.clock.now());
    await deliverMessage(sent, delivery.deps);
    const pending = delivery.outbox.add(verification('ewa@example.pl'), delivery.clock.now());
    const retries = fakeRetries(delivery.outbox, delivery.clock);

    for (const id of [sent, pending]) {
      const before = structuredClone(delivery.outbox.messages.get(id));
      const refusal = retryFailedMessage(id, admin, retries.deps);
      await expect(refusal).rejects.toBeInstanceOf(ConflictError);
      await expect(refusal).rejects.toMatchObject({ code: 'NOT_FAILED', message: expect.stringContaining(before!.status) });
      expect(delivery.outbox.messages.get(id)).toEqual(before);
    }
    expect(delivery.outbox.audit).toEqual([]);
  });

  it('of two retries at once, one queues the message and the other is told it was retried a moment ago', async () => {
    const { id, delivery, retries } = await failedMessage();
    const outcomes = await Promise.allSettled([retryFailedMessage(id, admin, retries.deps), retryFailedMessage(id, admin, retries.deps)]);

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ kind: 'conflict', code: 'NOT_FAILED', message: 'Another administrator retried this message a moment ago.' });
    expect(delivery.outbox.audit).toHaveLength(1);
  });
});
