import type { DeliveryOutcome, NewMessage, OutboxMessage } from '../../../shared/domain/mail/outbox-message.js';
import type { AuditEntry } from '../../../shared/domain/audit/audit-entry.js';
import type { DeliveryDependencies, OutboxRetries, OutboxStore, OutgoingEmail, RecipientState, RecipientStates, RecipientStore, RetryDependencies } from '../../../shared/domain/mail/ports.js';
import { MessageNotFailed, PermanentSendError, TransientSendError } from '../../../shared/domain/mail/ports.js';
import { renderEmail } from '../../../shared/email/render.js';
import { messageCategories } from '../../../shared/domain/mail/messages.js';
import { fixedClock } from '../../../shared/platform/clock.js';

/** An outbox with the DynamoDB adapter's lease semantics, in memory. */
export function inMemoryOutbox() {
  const messages = new Map<string, OutboxMessage>();
  const store: OutboxStore = {
    async claim(messageId, now, leaseMs) {
      const message = messages.get(messageId);
      if (!message) return undefined;
      const leased = message.status === 'SENDING' && message.leaseUntil && new Date(message.leaseUntil) > now;
      if (!(message.status === 'PENDING' || message.status === 'SENDING') || leased || new Date(message.dueAt) > now) return undefined;
      const claimed: OutboxMessage = { ...message, status: 'SENDING', attempts: message.attempts + 1, leaseUntil: new Date(now.getTime() + leaseMs).toISOString() };
      messages.set(messageId, claimed);
      return structuredClone(claimed);
    },
    async finish(message, outcome: DeliveryOutcome, now) {
      const current = messages.get(message.messageId)!;
      if (current.leaseUntil !== message.leaseUntil) return;
      const next: OutboxMessage = { ...current, status: outcome.status, leaseUntil: undefined };
      if (outcome.status === 'SENT') Object.assign(next, { sentAt: now.toISOString(), sesMessageId: outcome.sesMessageId, subject: outcome.subject });
      if (outcome.status === 'PENDING') Object.assign(next, { dueAt: outcome.dueAt, lastError: outcome.reason });
      if (outcome.status === 'FAILED' || outcome.status === 'SUPPRESSED') next.lastError = outcome.reason;
      messages.set(message.messageId, next);
    },
    async dueMessageIds(now, limit) {
      return [...messages.values()].filter((message) => message.status === 'PENDING' && new Date(message.dueAt) <= now).slice(0, limit).map((message) => message.messageId);
    },
  };
  /** Audit entries written with a retry, as the DynamoDB adapter writes them in the retry's transaction. */
  const audit: AuditEntry[] = [];
  const retries: OutboxRetries = {
    async get(messageId) {
      const message = messages.get(messageId);
      return message && structuredClone(message);
    },
    async retry(messageId, now, entry) {
      const current = messages.get(messageId);
      if (current?.status !== 'FAILED') throw new MessageNotFailed();
      const { lastError: _lastError, ...rest } = current;
      messages.set(messageId, { ...rest, status: 'PENDING', attempts: 0, dueAt: now.toISOString() });
      audit.push(entry);
    },
  };
  let next = 0;
  const add = (message: NewMessage, now: Date) => {
    const messageId = message.messageId ?? `m-${(next += 1)}`;
    messages.set(messageId, { ...message, messageId, category: messageCategories[message.template], status: 'PENDING', attempts: 0, createdAt: now.toISOString(), dueAt: now.toISOString() } as OutboxMessage);
    return messageId;
  };
  return { store, retries, audit, messages, add };
}

export function inMemoryRecipients(states: Record<string, RecipientState> = {}) {
  const stateOf = (email: string): RecipientState => states[email.toLowerCase()] ?? { unsubscribed: [] };
  const recipients: RecipientStore & RecipientStates = {
    async state(email) {
      return stateOf(email);
    },
    async states(emails) {
      return new Map(emails.map((email) => [email, stateOf(email)] as const));
    },
    async preferencesToken(email) {
      return `pref-${email.toLowerCase()}`;
    },
  };
  return { recipients, states };
}

/** A sender that records what it sent, and fails as told. */
export function recordingSender() {
  const sent: OutgoingEmail[] = [];
  const failures: Error[] = [];
  return {
    sent,
    failWith: (...errors: Error[]) => failures.push(...errors),
    sender: {
      async send(email: OutgoingEmail) {
        const failure = failures.shift();
        if (failure) throw failure;
        sent.push(email);
        return `ses-${sent.length}`;
      },
    },
  };
}

export function fakeDelivery(overrides: Partial<DeliveryDependencies> = {}) {
  const clock = fixedClock('2026-05-04T10:00:00Z');
  const outbox = inMemoryOutbox();
  const recipients = inMemoryRecipients();
  const sender = recordingSender();
  const failed: { messageId: string; reason: string }[] = [];
  const deps: DeliveryDependencies = {
    clock,
    render: (message, links) => renderEmail(message.template, message.data as never, message.lang, links),
    outbox: outbox.store,
    recipients: recipients.recipients,
    sender: sender.sender,
    rateLimiter: { acquire: async () => undefined },
    publicBaseUrl: 'https://api.glokal.test',
    maxAttempts: 3,
    leaseMs: 60_000,
    random: () => 0.5,
    onFailed: (message, reason) => failed.push({ messageId: message.messageId, reason }),
    ...overrides,
  };
  return { deps, clock, outbox, recipients, sender, failed, TransientSendError, PermanentSendError };
}

/** The retry use case's dependencies over an in-memory outbox (share `outbox` with fakeDelivery to deliver what was retried). */
export function fakeRetries(outbox = inMemoryOutbox(), clock = fixedClock('2026-05-04T10:00:00Z')) {
  let next = 0;
  const deps: RetryDependencies = { clock, ids: { newId: () => `audit-${(next += 1)}`, newToken: () => 'token' }, outbox: outbox.retries };
  return { deps, clock, outbox };
}
