import type { Audience, LocalisedText } from '../events/event.js';

export type { Audience, LocalisedText } from '../events/event.js';

/** Reminders go out this many days before the deadline unless the call says otherwise. */
export const defaultReminderOffsets = [30, 14, 7, 1] as const;
/** A reminder a year ahead is the longest any programme needs. */
export const maxReminderOffset = 365;
export const maxReminderOffsets = 10;

/**
 * A funding call the office tracks. The deadline is an ISO-8601 UTC instant;
 * administrators give and read it as Europe/Warsaw local time (call-view.ts).
 */
export interface FundingCall {
  callId: string;
  programme: string;
  callIdentifier: string;
  title: LocalisedText;
  url: string;
  deadlineAt: string;
  audience: Audience;
  /** Days before the deadline, largest first, each once. */
  offsets: number[];
  /**
   * The Warsaw date the reminder schedule was set (creation, or the last change
   * of deadline or offsets): an offset whose day was before it was never due,
   * so it is not "caught up" as late.
   */
  scheduledFrom: string;
  /** Raised by every change: a write succeeds only from the version it read. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Calls of a large spreadsheet import: hidden until the import is committed (import-calls.ts). */
  importId?: string;
}

/** What an administrator gives: the deadline as Warsaw local `YYYY-MM-DDTHH:mm`. */
export interface FundingCallInput {
  programme: string;
  callIdentifier: string;
  title: LocalisedText;
  url: string;
  deadline: string;
  audience: Audience;
  offsets?: number[];
}

/** A change: only the fields given change; `version`, when given, must be the current one. */
export type FundingCallChanges = Partial<FundingCallInput> & { version?: number };

/** Offsets as stored: each once, largest first. */
export const normalisedOffsets = (offsets: readonly number[]) => [...new Set(offsets)].sort((a, b) => b - a);
