import type { AuditEntry } from '../audit/audit-entry.js';
import type { Page } from '../page.js';
import type { ClusterEvent, EventStatus, EventSummary } from './event.js';

/** Events starting in [startsFrom, startsBefore), by start time, nearest first. */
export interface EventListing {
  status?: EventStatus;
  startsFrom: Date;
  startsBefore?: Date;
  limit: number;
  cursor?: string;
}

export interface EventStore {
  get(eventId: string): Promise<ClusterEvent | undefined>;
  /** The event and its audit entry, together. */
  create(event: ClusterEvent, audit: AuditEntry): Promise<void>;
  /**
   * Replaces the event read at `previous.version` by `next`, with its audit
   * entry, together; throws StaleEvent if another change came first.
   */
  update(previous: ClusterEvent, next: ClusterEvent, audit: AuditEntry): Promise<void>;
  list(listing: EventListing): Promise<Page<EventSummary>>;
}
