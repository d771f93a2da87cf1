import type { AuditEntry } from '../../../shared/domain/audit/audit-entry.js';
import type { NewMessage } from '../../../shared/domain/mail/outbox-message.js';
import type { MemberAggregate } from '../../../shared/domain/members/member.js';
import {
  MemberChanged,
  StaleConfirmation,
  type ColleagueLink,
  type ContactConfirmation,
  type MemberDirectory,
  type MemberFilter,
  type MemberStore,
} from '../../../shared/domain/members/ports.js';

/**
 * The member store's contract, kept in memory: all-or-nothing changes, refused
 * when the stored version moved on since the read (MemberChanged) or when the
 * confirmation link was used meanwhile (StaleConfirmation), as the DynamoDB
 * adapter does, so the use cases are tested alone.
 */
export function inMemoryMemberStore() {
  const aggregates = new Map<string, MemberAggregate>();
  const confirmations = new Map<string, ContactConfirmation>();
  const colleagueLinks = new Map<string, ColleagueLink>();
  const outbox: NewMessage[] = [];
  const audit: AuditEntry[] = [];
  const clone = <T>(value: T): T => structuredClone(value);

  const store: MemberStore & MemberDirectory = {
    async load(memberId) {
      return clone(aggregates.get(memberId));
    },
    async save(change) {
      const stored = aggregates.get(change.after.member.memberId);
      if (change.usedConfirmation && confirmations.get(change.usedConfirmation.tokenHash)?.usedAt) throw new StaleConfirmation();
      if (!stored || stored.member.version !== change.before.member.version) throw new MemberChanged();
      aggregates.set(change.after.member.memberId, clone(change.after));
      for (const record of change.confirmations ?? []) confirmations.set(record.tokenHash, clone(record));
      if (change.usedConfirmation) confirmations.get(change.usedConfirmation.tokenHash)!.usedAt = change.usedConfirmation.usedAt;
      outbox.push(...clone(change.messages));
      if (change.audit) audit.push(clone(change.audit));
    },
    async confirmation(tokenHash) {
      return clone(confirmations.get(tokenHash));
    },
    async colleagueLink(tokenHash) {
      return clone(colleagueLinks.get(tokenHash));
    },
    async contactsWithAddress(email) {
      return [...aggregates.values()].flatMap((aggregate) =>
        aggregate.contacts.filter((contact) => contact.email.toLowerCase() === email.toLowerCase()).map((contact) => ({ memberId: contact.memberId, contactId: contact.contactId })),
      );
    },
    async list(filter: MemberFilter) {
      const items = [...aggregates.values()]
        .map((aggregate) => aggregate.member)
        .filter((member) => member.status === filter.status && (!filter.type || member.type === filter.type) && (!filter.interest || member.interests.includes(filter.interest)));
      const start = filter.cursor ? Number(filter.cursor) : 0;
      const page = items.slice(start, start + filter.limit);
      return { items: clone(page), ...(start + filter.limit < items.length ? { nextCursor: String(start + filter.limit) } : {}) };
    },
    async search() {
      return [];
    },
  };
  return { store, aggregates, confirmations, colleagueLinks, outbox, audit };
}
