import type { Language } from '../language.js';
import type { AuditEntry } from '../audit/audit-entry.js';
import type { NewMessage } from '../mail/outbox-message.js';
import type { Page } from '../page.js';
import type { Interest, OrganisationType } from '../organisations/reference-data.js';
import type { MemberAggregate, MemberStatus, MemberSummary } from './member.js';

/** An emailed link that confirms one contact's address; stored by the hash of its token. */
export interface ContactConfirmation {
  tokenHash: string;
  memberId: string;
  contactId: string;
  /** The address the link was sent to, lower-cased: a link for an address the contact no longer has confirms nothing. */
  email: string;
  language: Language;
  /** When the link stops confirming. */
  expiresAt: string;
  usedAt?: string;
}

/** The welcome email's link for adding colleagues, stored by the hash of its token; it works for the contact it was issued to while that contact is primary. */
export interface ColleagueLink {
  tokenHash: string;
  memberId: string;
  contactId: string;
  expiresAt: string;
}

/**
 * One change of a member and everything it causes, written all or nothing:
 * the member (only if its stored version is still `before`'s), its contacts
 * (added, changed, removed: the difference between `before` and `after`),
 * every copy of them kept for queries (interest and status index items,
 * lookup items for `?q=`, contacts by email), new confirmation links, the
 * emails and the audit entry.
 */
export interface MemberChange {
  before: MemberAggregate;
  after: MemberAggregate;
  confirmations?: ContactConfirmation[];
  /** A confirmation link used by this change: refused if it was used already. */
  usedConfirmation?: { tokenHash: string; usedAt: string };
  messages: NewMessage[];
  audit?: AuditEntry;
  now: Date;
}

export interface MemberFilter {
  status: MemberStatus;
  type?: OrganisationType;
  interest?: Interest;
  limit: number;
  cursor?: string;
}

export interface MemberSearch {
  /** The start of the member's name (or of a word of it), of its NIP or registry number, or of a contact's address. */
  q: string;
  status?: MemberStatus;
  type?: OrganisationType;
  interest?: Interest;
  limit: number;
}

/** What member upkeep reads and writes. */
export interface MemberStore {
  load(memberId: string): Promise<MemberAggregate | undefined>;
  /** Throws MemberChanged when another change was written since `before` was read, StaleConfirmation when the used link was used meanwhile. */
  save(change: MemberChange): Promise<void>;
  confirmation(tokenHash: string): Promise<ContactConfirmation | undefined>;
  colleagueLink(tokenHash: string): Promise<ColleagueLink | undefined>;
  /** Contacts with this address, in any member (the contact-by-email index). */
  contactsWithAddress(email: string): Promise<Array<{ memberId: string; contactId: string }>>;
}

/** What the member lists read: queries over the status, interest and lookup indexes, never a scan. */
export interface MemberDirectory {
  list(filter: MemberFilter): Promise<Page<MemberSummary>>;
  search(search: MemberSearch): Promise<MemberSummary[]>;
  load(memberId: string): Promise<MemberAggregate | undefined>;
}

/** Another member was written after this one was read: its version moved on. */
export class MemberChanged extends Error {
  override name = 'MemberChanged';
}

/** The confirmation link was used by another request a moment ago. */
export class StaleConfirmation extends Error {
  override name = 'StaleConfirmation';
}
