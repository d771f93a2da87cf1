import { describe, expect, it } from 'vitest';
import { deliverDueMessages, deliverMessage, withRecipientsRead } from '../../../shared/domain/mail/deliver-message.js';
import { PermanentSendError, TransientSendError } from '../../../shared/domain/mail/ports.js';
import { templates } from '../../../shared/email/templates/index.js';
import { fakeDelivery } from '../../support/fakes/in-memory-delivery.js';

const verification = (to: string) => ({ to, lang: 'pl' as const, template: 'application-verification' as const, data: templates['application-verification'].sample });
const invitation = (to: string) => ({ to, lang: 'en' as const, template: 'event-invitation' as const, data: templates['event-invitation'].sample });

describe('withRecipientsRead (a batch)', () => {
  it('reads the batch’s recipients in one go, the state as it was then, and only an address outside the batch when it is sent', async () => {
    const { deps, clock, outbox, recipients, sender } = fakeDelivery();
    const reads: string[] = [];
    const counted = { ...deps, recipients: { ...deps.recipients, state: (email: string) => (reads.push(`state:${email}`), deps.recipients.state(email)), states: (emails: readonly string[]) => (reads.push(`states:${emails.join(',')}`), deps.recipients.states(emails)) } };
    expect(await withRecipientsRead([], counted)).toBe(counted);
    const batch = await withRecipientsRead(['anna@example.pl', 'bounced@example.pl'], counted);
    // Suppressed after the batch was read: this batch still sends (the window a send already under way has too).
    recipients.states['bounced@example.pl'] = { unsubscribed: [], suppressed: { reason: 'BOUNCE', at: '2026-01-01T00:00:00Z' } };
    for (const to of ['anna@example.pl', 'bounced@example.pl', 'other@example.pl']) await deliverMessage(outbox.add(verification(to), clock.now()), batch);
    expect(reads).toEqual(['states:anna@example.pl,bounced@example.pl', 'state:other@example.pl']);
    expect(sender.sent.map((email) => email.to)).toEqual(['anna@example.pl', 'bounced@example.pl', 'other@example.pl']);
  });
});

describe('deliverMessage', () => {
  it('sends a due message once and records it SENT with the subject', async () => {
    const { deps, clock, outbox, sender } = fakeDelivery();
    const id = outbox.add(verification('anna@example.pl'), clock.now());
    expect(await deliverMessage(id, deps)).toMatchObject({ status: 'SENT', sesMessageId: 'ses-1' });
    expect(outbox.messages.get(id)).toMatchObject({ status: 'SENT', attempts: 1, sentAt: clock.now().toISOString() });
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]!.headers).toEqual([]);
    expect(await deliverMessage(id, deps)).toBe('not-claimed');
    expect(sender.sent).toHaveLength(1);
  });

  it('gives member communications RFC 8058 headers with the message’s category', async () => {
    const { deps, clock, outbox, sender } = fakeDelivery();
    await deliverMessage(outbox.add(invitation('jan@example.pl'), clock.now()), deps);
    expect(sender.sent[0]!.headers).toEqual([
      { name: 'List-Unsubscribe', value: '<https://api.glokal.test/unsubscribe/pref-jan%40example.pl?category=events>' },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    ]);
  });

  it('does not send to a suppressed address, whatever the category', async () => {
    const { deps, clock, outbox, recipients, sender } = fakeDelivery();
    recipients.states['bounced@example.pl'] = { unsubscribed: [], suppressed: { reason: 'BOUNCE', at: '2026-01-01T00:00:00Z' } };
    const id = outbox.add(verification('Bounced@example.pl'), clock.now());
    expect(await deliverMessage(id, deps)).toEqual({ status: 'SUPPRESSED', reason: 'BOUNCE' });
    expect(sender.sent).toHaveLength(0);
  });

  it('skips a member communication the recipient unsubscribed from, but still sends transactional mail', async () => {
    const { deps, clock, outbox, recipients, sender } = fakeDelivery();
    recipients.states['jan@example.pl'] = { unsubscribed: ['events'] };
    expect(await deliverMessage(outbox.add(invitation('jan@example.pl'), clock.now()), deps)).toEqual({ status: 'UNSUBSCRIBED' });
    expect(await deliverMessage(outbox.add(verification('jan@example.pl'), clock.now()), deps)).toMatchObject({ status: 'SENT' });
    expect(sender.sent.map((email) => email.to)).toEqual(['jan@example.pl']);
  });

  it('records a message SES accepted even when the first writes of its outcome time out, so it is not sent again', async () => {
    const { deps, clock, outbox, sender } = fakeDelivery();
    const id = outbox.add(verification('anna@example.pl'), clock.now());
    const finish = outbox.store.finish.bind(outbox.store);
    let failures = 2;
    outbox.store.finish = async (...args) => {
      if (failures-- > 0) throw Object.assign(new Error('Request timed out'), { name: 'TimeoutError' });
      return finish(...args);
    };
    expect(await deliverMessage(id, deps)).toMatchObject({ status: 'SENT' });
    expect(outbox.messages.get(id)).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(sender.sent).toHaveLength(1);
  });

  it('retries a transient failure later, with backoff', async () => {
    const { deps, clock, outbox, sender } = fakeDelivery();
    sender.failWith(new TransientSendError('Throttling'));
    const id = outbox.add(verification('anna@example.pl'), clock.now());
    const outcome = await deliverMessage(id, deps);
    // First retry: between 15 and 30 s; random 0.5 gives 22.5 s.
    expect(outcome).toEqual({ status: 'PENDING', dueAt: new Date(clock.now().getTime() + 22_500).toISOString(), reason: 'TransientSendError: Throttling' });
    expect(await deliverMessage(id, deps)).toBe('not-claimed');
    clock.advance(22_500);
    expect(await deliverMessage(id, deps)).toMatchObject({ status: 'SENT' });
    expect(outbox.messages.get(id)!.attempts).toBe(2);
  });

  it('marks a permanent failure FAILED at once and reports it', async () => {
    const { deps, clock, outbox, sender, failed } = fakeDelivery();
    sender.failWith(new PermanentSendError('MessageRejected'));
    const id = outbox.add(verification('anna@example.pl'), clock.now());
    expect(await deliverMessage(id, deps)).toEqual({ status: 'FAILED', reason: 'PermanentSendError: MessageRejected' });
    expect(failed).toEqual([{ messageId: id, reason: 'PermanentSendError: MessageRejected' }]);
  });

  it('gives up after the attempt limit and keeps the message visible as FAILED', async () => {
    const { deps, clock, outbox, sender, failed } = fakeDelivery({ maxAttempts: 2 });
    sender.failWith(new TransientSendError('timeout'), new TransientSendError('timeout again'));
    const id = outbox.add(verification('anna@example.pl'), clock.now());
    await deliverMessage(id, deps);
    clock.advance(3_600_000);
    expect(await deliverMessage(id, deps)).toEqual({ status: 'FAILED', reason: 'Gave up after 2 attempts. Last: TransientSendError: timeout again' });
    expect(outbox.messages.get(id)!.status).toBe('FAILED');
    expect(failed).toHaveLength(1);
  });

  it('does not record an outcome over a newer lease (a slow mailer whose lease expired)', async () => {
    const { deps, clock, outbox } = fakeDelivery({ leaseMs: 1_000 });
    const id = outbox.add(verification('anna@example.pl'), clock.now());
    const slow = await deps.outbox.claim(id, clock.now(), 1_000);
    clock.advance(2_000);
    expect(await deliverMessage(id, deps)).toMatchObject({ status: 'SENT' });
    await deps.outbox.finish(slow!, { status: 'FAILED', reason: 'late' }, clock.now());
    expect(outbox.messages.get(id)!.status).toBe('SENT');
  });
});

describe('deliverDueMessages (the sweep)', () => {
  it('delivers every due message and counts the outcomes', async () => {
    const { deps, clock, outbox, recipients } = fakeDelivery();
    recipients.states['gone@example.pl'] = { unsubscribed: [], suppressed: { reason: 'COMPLAINT', at: '2026-01-01T00:00:00Z' } };
    outbox.add(verification('a@example.pl'), clock.now());
    outbox.add(verification('b@example.pl'), clock.now());
    outbox.add(verification('gone@example.pl'), clock.now());
    outbox.add(verification('later@example.pl'), new Date(clock.now().getTime() + 60_000));
    expect(await deliverDueMessages(deps, { limit: 10, hasTimeLeft: () => true })).toEqual({ found: 3, counts: { SENT: 2, SUPPRESSED: 1 } });
  });

  it('stops when the invocation runs out of time, leaving the rest for the next sweep', async () => {
    const { deps, clock, outbox, sender } = fakeDelivery();
    for (let index = 0; index < 5; index += 1) outbox.add(verification(`r${index}@example.pl`), clock.now());
    let budget = 2;
    const result = await deliverDueMessages(deps, { limit: 10, hasTimeLeft: () => budget-- > 0 });
    expect(result.counts).toEqual({ SENT: 2 });
    expect(sender.sent).toHaveLength(2);
    expect(await deliverDueMessages(deps, { limit: 10, hasTimeLeft: () => true })).toMatchObject({ found: 3, counts: { SENT: 3 } });
  });
});
