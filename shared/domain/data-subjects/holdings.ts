import type { AuditEntry } from '../audit/audit-entry.js';

/** A stored record as the export shows it: every attribute held, keys and index fields aside. */
export type HeldRecord = Record<string, unknown>;

/**
 * Everything held about one address, each found by key: contacts by the
 * contact-by-email index, applications, outbox messages, invitations,
 * contact confirmations and grant links by the address index (`ADDRESS#…`), preferences and
 * suppression in the address's recipient partition, grant opt-outs in its
 * opt-out partition, events naming it as an extra invitee in the events
 * listing, audit entries by the targets that name its records.
 */
export interface AddressHoldings {
  address: string;
  /** The address's keyed hash: how the audit log and an erasure's suppression name it. */
  addressHash: string;
  applications: HeldRecord[];
  /** Each with its member's id and name. */
  contacts: Array<{ memberId: string; memberName: string; contactId: string; contact: HeldRecord }>;
  contactConfirmations: HeldRecord[];
  /** Grant digests' "not relevant", "stop" and calendar links to the address. */
  grantLinks: HeldRecord[];
  invitations: HeldRecord[];
  /** Events the office invited the address to by hand (`extraInvitees`). */
  extraInvitations: Array<{ eventId: string; eventTitle: string; inviteeId: string; name: string; language: string }>;
  outboxMessages: HeldRecord[];
  preferences: HeldRecord | null;
  suppression: HeldRecord | null;
  grantOptOuts: HeldRecord[];
  auditEntries: AuditEntry[];
  /** Set when the address was erased before: only its keyed hash is held. */
  erasure?: { erasedAt: string };
}

/** Whether anything at all is held (an earlier erasure's suppression counts). */
export function holdsAnything(holdings: AddressHoldings): boolean {
  const { address: _address, addressHash: _hash, preferences, suppression, erasure, ...lists } = holdings;
  return preferences !== null || suppression !== null || erasure !== undefined || Object.values(lists).some((list) => list.length > 0);
}

/** What an erasure removed or anonymised, by kind. */
export type ErasureCounts = Record<string, number>;

/** What data subject requests read and write. */
export interface DataSubjectStore {
  holdings(address: string, addressHash: string): Promise<AddressHoldings>;
  /**
   * Removes or anonymises everything in `holdings` but the contacts (member
   * upkeep removes those), then, in one last transaction, writes the
   * suppression by hash and the audit entry. Each step is idempotent: an
   * erasure cut short is completed by running it again.
   */
  erase(holdings: AddressHoldings, erasedAt: Date, audit: AuditEntry): Promise<ErasureCounts>;
  /** The audit entry of an export (it changes nothing else). */
  recordExport(audit: AuditEntry): Promise<void>;
}

/** Backups: the table's point-in-time recovery keeps every state of the last 35 days, erased data included; the privacy notice and every export say so. */
export const backupRetentionDays = 35;

export const backupNotice = `Point-in-time-recovery backups of the table keep erased data for up to ${backupRetentionDays} days after the erasure; they are restored only to recover from a failure, and an erasure is then repeated.`;
