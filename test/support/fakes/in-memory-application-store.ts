import { IdempotencyKeyTaken, OrganisationTaken, StaleApplication } from '../../../shared/domain/applications/errors.js';
import type { Application } from '../../../shared/domain/applications/application.js';
import type { ApplicationStore, IdempotencyRecord, Verification } from '../../../shared/domain/applications/ports.js';
import type { AuditEntry } from '../../../shared/domain/audit/audit-entry.js';
import type { NewMessage } from '../../../shared/domain/mail/outbox-message.js';
import type { Contact, Member } from '../../../shared/domain/members/member.js';

/**
 * The application store's contract, kept in memory: the same all-or-nothing
 * writes and the same refusals (a taken organisation, a used idempotency key,
 * a stale status) as the DynamoDB adapter, so use cases are tested alone.
 */
export function inMemoryApplicationStore() {
  const applications = new Map<string, Application>();
  const locks = new Map<string, { owner: string; expiresAt?: Date }>();
  const verifications = new Map<string, Verification>();
  const idempotency = new Map<string, IdempotencyRecord>();
  const outbox = new Map<string, NewMessage>();
  const members: Member[] = [];
  const contacts: Contact[] = [];
  const audit: AuditEntry[] = [];
  let nextMessage = 0;
  const queue = (message: NewMessage) => outbox.set(message.messageId ?? `message-${(nextMessage += 1)}`, message);
  const clone = <T>(value: T): T => structuredClone(value);

  const store: ApplicationStore = {
    async idempotentAnswer(key) {
      return clone(idempotency.get(key));
    },
    async create({ application, expiresAt, verificationTokenHash, message, idempotency: record, now }) {
      if (record && idempotency.has(record.key)) throw new IdempotencyKeyTaken();
      const lock = locks.get(application.organisationIdentity);
      if (lock && (!lock.expiresAt || lock.expiresAt >= now)) throw new OrganisationTaken();
      applications.set(application.applicationId, clone(application));
      locks.set(application.organisationIdentity, { owner: application.applicationId, expiresAt });
      verifications.set(verificationTokenHash, { applicationId: application.applicationId, language: application.language, expiresAt: expiresAt.toISOString() });
      if (record) idempotency.set(record.key, clone(record));
      queue(message);
    },
    async get(applicationId) {
      return clone(applications.get(applicationId));
    },
    async verification(tokenHash) {
      return clone(verifications.get(tokenHash));
    },
    async markSubmitted(application, tokenHash, now, messages) {
      const stored = applications.get(application.applicationId);
      const verification = verifications.get(tokenHash);
      if (stored?.status !== 'PENDING_VERIFICATION' || !verification || verification.usedAt) throw new StaleApplication();
      applications.set(application.applicationId, clone(application));
      verification.usedAt = now.toISOString();
      locks.set(application.organisationIdentity, { owner: application.applicationId });
      messages.forEach(queue);
    },
    async approve(application, decided, member, contact, message, entry) {
      if (applications.get(application.applicationId)?.status !== 'SUBMITTED') throw new StaleApplication();
      applications.set(decided.applicationId, clone(decided));
      locks.set(application.organisationIdentity, { owner: member.memberId });
      members.push(clone(member));
      contacts.push(clone(contact));
      queue(message);
      audit.push(clone(entry));
    },
    async reject(application, decided, message, entry) {
      if (applications.get(application.applicationId)?.status !== 'SUBMITTED') throw new StaleApplication();
      applications.set(decided.applicationId, clone(decided));
      locks.delete(application.organisationIdentity);
      queue(message);
      audit.push(clone(entry));
    },
    async list() {
      return { items: [] };
    },
    async submittedBefore(instant) {
      return [...applications.values()].filter((application) => application.status === 'SUBMITTED' && new Date(application.submittedAt!) < instant).map(clone);
    },
    async queueOnce(messages) {
      let queued = 0;
      for (const message of messages) {
        if (message.messageId && outbox.has(message.messageId)) continue;
        queue(message);
        queued += 1;
      }
      return queued;
    },
  };
  return { store, applications, locks, verifications, idempotency, outbox, members, contacts, audit };
}

/** Ids in order, so tests can name them. */
export function sequentialIds(prefix = 'id') {
  let id = 0;
  let token = 0;
  return { newId: () => `${prefix}-${(id += 1)}`, newToken: () => `token-${(token += 1)}-with-enough-length` };
}
