import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { AuditEntry } from '../audit/audit-entry.js';
import type { Language } from '../language.js';
import type { SubscriptionCategory } from './categories.js';
import type { Page } from '../page.js';
import type { Attachment, DeliveryOutcome, ListedStatus, NewMessage, OutboxMessage } from './outbox-message.js';

export interface RecipientState {
  suppressed?: { reason: string; at: string };
  unsubscribed: SubscriptionCategory[];
  /** The hash of the address's preferences-link token, when its preferences exist: the mailer need not read them again for the link. */
  preferencesTokenHash?: string;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Array<{ name: string; value: string }>;
  attachments: Attachment[];
}

export interface OutboxStore {
  /** Takes the message for one attempt, or returns undefined if another mailer has it, it is not due, or it is finished. */
  claim(messageId: string, now: Date, leaseMs: number): Promise<OutboxMessage | undefined>;
  /** Records the attempt's outcome, only if this mailer still holds the lease. */
  finish(message: OutboxMessage, outcome: DeliveryOutcome, now: Date): Promise<void>;
  dueMessageIds(now: Date, limit: number): Promise<string[]>;
}

/** How far behind the outbox is, for the mailer's metric. */
export interface OutboxBacklog {
  /** The PENDING message that has been due longest (the first of the status index), or undefined when none is pending. */
  oldestPending(): Promise<{ messageId: string; dueAt: string } | undefined>;
}

/** Outbox messages by status, newest first, for administrators. */
export interface OutboxListing {
  listByStatus(status: ListedStatus, limit: number, cursor?: string): Promise<Page<OutboxMessage>>;
}

/** Raised by the store when the message is no longer FAILED (another administrator retried it a moment ago). */
export class MessageNotFailed extends Error {
  override name = 'MessageNotFailed';
}

/** An administrator's retry of a FAILED message. */
export interface OutboxRetries {
  get(messageId: string): Promise<OutboxMessage | undefined>;
  /**
   * FAILED → PENDING with its attempts reset and due at `now`, and the audit
   * entry, in one transaction; throws MessageNotFailed if the message is no
   * longer FAILED. The mailer then delivers it as a new message.
   */
  retry(messageId: string, now: Date, audit: AuditEntry): Promise<void>;
}

export interface RetryDependencies {
  clock: Clock;
  ids: IdGenerator;
  outbox: OutboxRetries;
}

/** Many addresses' states at once, by the addresses as given (a fan-out's page reads them together). */
export interface RecipientStates {
  states(emails: readonly string[]): Promise<Map<string, RecipientState>>;
}

export interface RecipientStore {
  state(email: string): Promise<RecipientState>;
  /**
   * The recipient's preferences token, created on first use. Given the state
   * just read (`known`), an address whose preferences hold the token's hash
   * costs no request, and one without preferences only their creation.
   */
  preferencesToken(email: string, lang: Language, known?: Pick<RecipientState, 'preferencesTokenHash'>): Promise<string>;
}

export class TransientSendError extends Error {
  override name = 'TransientSendError';
}

export class PermanentSendError extends Error {
  override name = 'PermanentSendError';
}

export interface MailSender {
  /** Returns the provider's message id; throws TransientSendError or PermanentSendError. */
  send(email: OutgoingEmail): Promise<string>;
}

export interface SendRateLimiter {
  /** Resolves when one more message may be sent within the configured rate. */
  acquire(): Promise<void>;
}

/** The links a member communication's footer carries. */
export interface FooterLinks {
  unsubscribeUrl?: string;
  preferencesUrl?: string;
}

/** Turns a message's data into the email in the reader's language (shared/email renders it). */
export type RenderMessage = (message: NewMessage, links: FooterLinks) => { subject: string; html: string; text: string };

export interface DeliveryDependencies {
  render: RenderMessage;
  clock: Clock;
  outbox: OutboxStore;
  /** `states` reads a batch's recipients together (the mailer's stream batch). */
  recipients: RecipientStore & RecipientStates;
  sender: MailSender;
  rateLimiter: SendRateLimiter;
  publicBaseUrl: string;
  maxAttempts: number;
  leaseMs: number;
  random?: () => number;
  onFailed?: (message: OutboxMessage, reason: string) => void;
}
