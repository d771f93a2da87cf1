import type { AuditEntry } from '../audit/audit-entry.js';
import type { Page } from '../page.js';
import type { FundingCall } from './funding-call.js';
import type { DueReminder } from './reminder-schedule.js';

export type CallStatus = 'open' | 'closed';

export interface CallListing {
  status: CallStatus;
  now: Date;
  limit: number;
  cursor?: string;
}

/** An import of many calls, visible all at once when committed. */
export interface CallImport {
  importId: string;
  status: 'PENDING' | 'COMMITTED';
  callIds: string[];
  createdAt: string;
  committedAt?: string;
}

/**
 * Funding calls with their due reminders (the due index the daily run reads
 * by date): a call and its reminders are always written together.
 */
export interface CallStore {
  /** The call if it exists and is visible (not part of an uncommitted import). */
  get(callId: string): Promise<FundingCall | undefined>;
  getMany(callIds: readonly string[]): Promise<FundingCall[]>;
  create(call: FundingCall, reminders: DueReminder[], audit: AuditEntry): Promise<void>;
  /**
   * Replaces the call read at `previous.version` and, when given, its due
   * reminders (a rescheduling); throws StaleCall if another change came first.
   */
  update(previous: FundingCall, next: FundingCall, reminders: DueReminder[] | undefined, audit: AuditEntry): Promise<void>;
  /** Deletes the call and its reminders from the version read; throws StaleCall if another change came first. */
  delete(previous: FundingCall, audit: AuditEntry): Promise<void>;
  list(listing: CallListing): Promise<Page<FundingCall>>;
  /** Reminders sent per offset (counted from the daily run's markers). */
  sentPerOffset(call: FundingCall): Promise<Record<string, number>>;
}

/** Many calls at once: all visible together or none. */
export interface CallImportStore {
  findImport(importId: string): Promise<CallImport | undefined>;
  /** Calls, reminders and audit entry in one transaction (small imports). */
  createAll(calls: Array<{ call: FundingCall; reminders: DueReminder[] }>, audit: AuditEntry): Promise<void>;
  /**
   * Large imports: the import item (PENDING), then the calls and reminders
   * marked with its id in transactions of up to 100 items (hidden meanwhile),
   * then one transaction flipping it to COMMITTED with the audit entry: every
   * call appears at that instant. A retry rewrites the same ids and commits.
   */
  importStaged(callImport: CallImport, calls: Array<{ call: FundingCall; reminders: DueReminder[] }>, audit: AuditEntry): Promise<void>;
}

/** The due index: reminders by Warsaw date, read by the daily run. */
export interface DueReminderIndex {
  /** Reminders due on or before `date` that no run has covered yet (and of visible calls). */
  dueBy(date: string): Promise<DueReminder[]>;
  /** A run covered these: they leave the index, unless the call was rescheduled meanwhile (another due date). */
  covered(reminders: readonly DueReminder[]): Promise<void>;
}
