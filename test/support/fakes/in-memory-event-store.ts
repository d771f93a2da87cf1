import type { AuditEntry } from '../../../shared/domain/audit/audit-entry.js';
import { StaleEvent } from '../../../shared/domain/events/errors.js';
import { eventSummary, type ClusterEvent } from '../../../shared/domain/events/event.js';
import type { EventStore } from '../../../shared/domain/events/ports.js';
import type { FanOutRun } from '../../../shared/domain/fanout/fan-out.js';

/**
 * The event store's contract, kept in memory: an event and its audit entry
 * together, and a change refused (StaleEvent) unless the stored version is
 * the one the use case read, as the DynamoDB adapter's condition does.
 */
export function inMemoryEventStore() {
  const events = new Map<string, ClusterEvent>();
  const audit: AuditEntry[] = [];
  /** The notice runs started with the changes, in order. */
  const noticeRuns: FanOutRun[] = [];
  const clone = <T>(value: T): T => structuredClone(value);

  const store: EventStore = {
    async get(eventId) {
      return clone(events.get(eventId));
    },
    async create(event, entry) {
      if (events.has(event.eventId)) throw new Error(`Event ${event.eventId} exists`);
      events.set(event.eventId, clone(event));
      audit.push(clone(entry));
    },
    async update(previous, next, entry, notices) {
      if (events.get(previous.eventId)?.version !== previous.version) throw new StaleEvent();
      events.set(next.eventId, clone(next));
      audit.push(clone(entry));
      if (notices) noticeRuns.push(clone(notices));
    },
    async list({ status, startsFrom, startsBefore, limit }) {
      const items = [...events.values()]
        .filter((event) => (status === undefined || event.status === status) && event.startsAt >= startsFrom.toISOString() && (!startsBefore || event.startsAt < startsBefore.toISOString()))
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
        .slice(0, limit);
      return { items: items.map(eventSummary) };
    },
  };
  return { store, events, audit, noticeRuns };
}
