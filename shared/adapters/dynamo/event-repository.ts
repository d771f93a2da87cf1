import type { EntityItem } from 'electrodb';
import type { ClusterEvent } from '../../domain/events/event.js';
import { eventSummary } from '../../domain/events/event.js';
import { StaleEvent } from '../../domain/events/errors.js';
import type { EventStore } from '../../domain/events/ports.js';
import { auditWrite } from './audit-log.js';
import { storedAudience, tolerant } from './entities/common.js';
import { fanOutRunCreate } from './fan-out-repository.js';
import { cursorFor } from './pagination.js';
import { glokal } from './service.js';
import { ConditionsFailed, writeTogether } from './transaction.js';

const { event: events } = glokal.entities;

/** Optional attributes a change may remove (ElectroDB's `set` cannot unset). */
const removable = ['venue', 'onlineUrl', 'seatLimitPerMember', 'cancelledAt', 'cancellationReason'] as const;

/** The stored event as the domain sees it: its audience as one of the two shapes the domain knows. */
function toEvent(item: EntityItem<typeof events>): ClusterEvent {
  const { audience, ...event } = item;
  return { ...event, audience: storedAudience(audience) };
}

export const eventRepository: EventStore = {
  async get(eventId) {
    const { data } = await events.get({ eventId }).go({ consistent: true });
    return data ? toEvent(data) : undefined;
  },

  async create(event, audit) {
    await writeTogether((tx) => ({
      event: tx.event.create(event).commit(),
      auditEntry: auditWrite(tx, audit),
    }));
  },

  async update(previous, next, audit, notices) {
    const { eventId: _key, createdAt: _created, ...changes } = next;
    const absent = removable.filter((attribute) => next[attribute] === undefined && previous[attribute] !== undefined);
    try {
      await writeTogether((tx) => {
        const update = tx.event.update({ eventId: next.eventId }).set(changes);
        return {
          // Only from the version the use case read: a concurrent change makes this one fail, never overwrites it.
          event: (absent.length > 0 ? update.remove(absent) : update).where((attribute, { eq }) => eq(attribute.version, previous.version)).commit(),
          auditEntry: auditWrite(tx, audit),
          notices: notices ? fanOutRunCreate(tx, notices) : undefined,
        };
      });
    } catch (error) {
      if (error instanceof ConditionsFailed && error.rejected('event')) throw new StaleEvent();
      throw error;
    }
  },

  /** Access patterns `byStatus` (one status) and `byStart` (all), by start time within [startsFrom, startsBefore). */
  async list({ status, startsFrom, startsBefore, limit, cursor }) {
    const from = { startsAt: startsFrom.toISOString() };
    // An ISO instant's string order is its time order; the sort key `${startsAt}#${eventId}` of an event
    // starting exactly at startsBefore sorts after the bare instant, so BETWEEN leaves it out.
    const index = status !== undefined ? events.query.byStatus({ status }) : events.query.byStart({});
    const query = startsBefore ? index.between(from, { startsAt: startsBefore.toISOString() }) : index.gte(from);
    const page = await query.go({ ...tolerant, limit, cursor: cursorFor(cursor, query) });
    return { items: page.data.map((item) => eventSummary(toEvent(item))), ...(page.cursor ? { nextCursor: page.cursor } : {}) };
  },
};
