import { addWarsawDays, warsawDate, warsawMidnight } from '../calendar/warsaw-time.js';
import type { Clock } from '../../platform/clock.js';
import { NotFoundError, ValidationError } from '../errors.js';
import type { FanOutRun, FanOutStore } from '../fanout/fan-out.js';
import type { Page } from '../page.js';
import type { ClusterEvent, EventStatus, EventSummary } from './event.js';
import { eventRunScope } from './event-fan-outs.js';
import type { InvitationRun } from './invitation.js';
import type { InvitationRunStore } from './invitation-run.js';
import type { EventStore } from './ports.js';

interface QueryDependencies {
  clock: Clock;
  store: EventStore;
}

export interface EventFilter {
  /** Warsaw local dates `YYYY-MM-DD`, both included; `from` is today when absent. */
  from?: string;
  to?: string;
  status?: EventStatus;
  limit: number;
  cursor?: string;
}

/**
 * Named query: events starting on the days from `from` to `to` (Warsaw
 * dates, both included), nearest first, of one status or all. Without
 * `from`, the list starts today: what the office has coming up.
 */
export async function listEvents(filter: EventFilter, deps: QueryDependencies): Promise<Page<EventSummary>> {
  const from = filter.from ?? warsawDate(deps.clock.now());
  if (filter.to !== undefined && filter.to < from) {
    throw new ValidationError([{ path: 'to', message: filter.from === undefined ? `Give a date from today (${from}) on, or a from date.` : 'Give a date on or after from.' }]);
  }
  return deps.store.list({
    startsFrom: warsawMidnight(from),
    ...(filter.to !== undefined ? { startsBefore: warsawMidnight(addWarsawDays(filter.to, 1)) } : {}),
    ...(filter.status !== undefined ? { status: filter.status } : {}),
    limit: filter.limit,
    ...(filter.cursor !== undefined ? { cursor: filter.cursor } : {}),
  });
}

/** What one event's page reads: the event, its invitation runs, and its notice, reminder and nudge runs. */
export interface EventDetailDependencies {
  store: Pick<EventStore, 'get'>;
  invitationRuns: Pick<InvitationRunStore, 'listForEvent'>;
  mailRuns: Pick<FanOutStore, 'list'>;
}

/** Named query behind `GET /admin/events/{id}`: the event, its invitation runs and its mail runs (progress and counts), each newest first. */
export async function findEvent(eventId: string, deps: EventDetailDependencies): Promise<{ event: ClusterEvent; invitationRuns: InvitationRun[]; mailRuns: FanOutRun[] }> {
  const event = await deps.store.get(eventId);
  if (!event) throw new NotFoundError('No event has this id.');
  const [invitationRuns, mailRuns] = await Promise.all([deps.invitationRuns.listForEvent(eventId), deps.mailRuns.list(eventRunScope(eventId))]);
  return { event, invitationRuns, mailRuns };
}
