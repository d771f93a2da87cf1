import type { Language } from '../language.js';
import type { NewMessage } from '../mail/outbox-message.js';
import type { Member, Contact } from '../members/member.js';
import type { ColleagueLink } from '../members/ports.js';
import type { AuditEntry } from '../audit/audit-entry.js';
import type { Application, ApplicationStatus } from './application.js';
import type { Page } from '../page.js';
import type { ApplicationSummary } from './application.js';

export interface SubmitAnswer {
  applicationId: string;
  status: 'PENDING_VERIFICATION';
}

export interface IdempotencyRecord {
  key: string;
  requestHash: string;
  answer: SubmitAnswer;
}

export interface Verification {
  applicationId: string;
  language: Language;
  expiresAt: string;
  usedAt?: string;
}

export interface ApplicationStore {
  idempotentAnswer(key: string): Promise<IdempotencyRecord | undefined>;
  /** Application, organisation lock, verification token, email and idempotency record, all or nothing. */
  create(input: {
    application: Application;
    expiresAt: Date;
    verificationTokenHash: string;
    message: NewMessage;
    idempotency?: IdempotencyRecord;
    now: Date;
  }): Promise<void>;
  get(applicationId: string): Promise<Application | undefined>;
  verification(tokenHash: string): Promise<Verification | undefined>;
  markSubmitted(application: Application, tokenHash: string, now: Date, messages: NewMessage[]): Promise<void>;
  /** The application decided, the member with its primary contact, the welcome email, the audit entry and (where given) the welcome email's colleague link, all or nothing. */
  approve(application: Application, decided: Application, member: Member, contact: Contact, message: NewMessage, audit: AuditEntry, colleagueLink?: ColleagueLink): Promise<void>;
  reject(application: Application, decided: Application, message: NewMessage, audit: AuditEntry): Promise<void>;
  list(options: { status?: ApplicationStatus; limit: number; cursor?: string; now: Date }): Promise<Page<ApplicationSummary>>;
  submittedBefore(instant: Date): Promise<Application[]>;
  queueOnce(messages: NewMessage[], now: Date): Promise<number>;
}
