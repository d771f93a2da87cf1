import type { NewMessage } from '../mail/outbox-message.js';

/**
 * A fan-out: work over many recipients (an event's change notices and
 * reminders, a day's grant digests) done page by page by a stream consumer,
 * never by one long invocation. A run is an item; every write of a RUNNING
 * run reaches the fan-out runner through the table stream, which does one
 * page and advances the run — only from the step it read, in the same
 * transaction as the page's last emails — so each advance brings the next
 * page, a retried or overlapping page queues nothing twice, and a run killed
 * half way is taken up where its last advance left it.
 */
export const fanOutStatuses = ['RUNNING', 'DONE', 'STOPPED'] as const;
export type FanOutStatus = (typeof fanOutStatuses)[number];

export interface FanOutRun {
  /** The partition the run belongs to, e.g. `EVENT#<eventId>` or `GRANT_DAY#2026-11-29`: its runs are listed there. */
  scope: string;
  /** Deterministic where the work must happen once (e.g. `reminder-7d`): a second start of the same id is a no-op. */
  runId: string;
  /** Which FanOutKind pages it. */
  kind: string;
  status: FanOutStatus;
  /** The kind's own position (opaque to the runner); absent before the first page. */
  cursor?: string;
  step: number;
  /** `queued` and `alreadyQueued` are counted by the runner; a kind adds its own (e.g. `skipped`). */
  counts: Record<string, number>;
  /** The kind's inputs, e.g. `{ eventId, sequence }`. */
  params: Record<string, string>;
  startedAt: string;
  startedBy: string;
  updatedAt: string;
  finishedAt?: string;
}

/**
 * One recipient's work: an email with a deterministic `messageId` (queued
 * once, whatever retries happen) and, optionally, markers — keys that must
 * not exist yet and are written with the email (e.g. one per contact, call
 * and offset, when the email of another day must not repeat this one).
 */
export interface FanOutUnit {
  message: NewMessage & { messageId: string };
  markers?: string[];
}

export interface FanOutPage {
  units: FanOutUnit[];
  /** Where the next page starts; absent: this was the last page. */
  cursor?: string;
  /** Added to the run's counts, e.g. `{ skipped: 3 }`. */
  counts?: Record<string, number>;
  /** The run has no reason to go on (e.g. the event was cancelled): it ends STOPPED. */
  stop?: boolean;
}

/** A kind of fan-out: how to produce one page of a run. Keep a page to a few hundred units, so no step runs near its time limit. */
export type FanOutPager = (run: FanOutRun) => Promise<FanOutPage>;

/** The kinds the runner knows, by name (bound to their dependencies in the composition root). */
export type FanOutKinds = Readonly<Record<string, FanOutPager>>;

export interface QueueResult {
  queued: number;
  alreadyQueued: number;
}

export interface FanOutStore {
  /** Creates the run unless one with its scope and id exists; says which. */
  start(run: FanOutRun): Promise<'started' | 'exists'>;
  get(scope: string, runId: string): Promise<FanOutRun | undefined>;
  /** The scope's runs, newest first. */
  list(scope: string): Promise<FanOutRun[]>;
  /** Which of these markers exist already. */
  existingMarkers(keys: readonly string[]): Promise<Set<string>>;
  /**
   * Writes the units whose emails are not queued yet, and then moves the run
   * from `advance.from` (still at its step, else FanOutRunMoved) to
   * `advance.to(result)`, in the transaction of the last units (emails
   * created at `advance.at`). Throws
   * MarkersTaken if a unit's marker appeared since the page was made.
   */
  queue(units: readonly FanOutUnit[], advance: { from: FanOutRun; to: (result: QueueResult) => FanOutRun; at: Date }): Promise<QueueResult>;
}

/** The run was advanced or ended by another consumer since it was read: this step has nothing left to do. */
export class FanOutRunMoved extends Error {
  override name = 'FanOutRunMoved';
}

/** A unit's marker was written meanwhile (an overlapping run of another day): the page is made again. */
export class MarkersTaken extends Error {
  override name = 'MarkersTaken';
}
