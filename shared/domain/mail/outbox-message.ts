import type { Language } from '../language.js';
import type { EmailCategory } from './categories.js';
import type { MessageData, MessageName } from './messages.js';

export const messageStatuses = ['PENDING', 'SENDING', 'SENT', 'FAILED', 'SUPPRESSED', 'UNSUBSCRIBED'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/**
 * The statuses administrators list. Delivered and skipped messages leave the
 * status index (they are readable by id until they expire); open ones are
 * the mailer's business and show in the backlog metric.
 */
export const listedStatuses = ['FAILED'] as const satisfies readonly MessageStatus[];
export type ListedStatus = (typeof listedStatuses)[number];

export interface Attachment {
  filename: string;
  contentType: string;
  /** Text content (an .ics is text); kept in the item so a retry sends the same file. */
  content: string;
}

/** What a use case asks to send, in the same transaction as its state change. */
export type NewMessage = {
  [N in MessageName]: {
    /** Deterministic where a message must exist once (e.g. one reminder per contact, call and offset). */
    messageId?: string;
    to: string;
    lang: Language;
    template: N;
    data: MessageData[N];
    attachments?: Attachment[];
  };
}[MessageName];

export type OutboxMessage = NewMessage & {
  messageId: string;
  category: EmailCategory;
  status: MessageStatus;
  attempts: number;
  createdAt: string;
  /** When the next attempt may start. */
  dueAt: string;
  leaseUntil?: string;
  sentAt?: string;
  subject?: string;
  sesMessageId?: string;
  lastError?: string;
};

export type DeliveryOutcome =
  | { status: 'SENT'; sesMessageId: string; subject: string }
  | { status: 'FAILED'; reason: string }
  | { status: 'SUPPRESSED'; reason: string }
  | { status: 'UNSUBSCRIBED' }
  | { status: 'PENDING'; dueAt: string; reason: string };
