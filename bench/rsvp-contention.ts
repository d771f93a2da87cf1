import { glokal } from '../shared/adapters/dynamo/service.js';
import { eventDependencies } from '../shared/composition/events.js';
import { createEvent } from '../shared/domain/events/create-event.js';
import { randomIds } from '../shared/platform/ids.js';
import { invitedTokens } from './invited-tokens.js';
import { metered, type Metered } from './meter.js';
import type { BenchApi } from './request-overhead.js';
import { percentile } from './statistics.js';

/**
 * RSVP contention (issue 13, item 5): every invitee accepts at once through
 * the local API, more of them than there are seats. Throughput, p50 and p99 of
 * the answers, and what was stored: exactly `seats` accepted, the rest waitlisted.
 */
export interface ContentionResult {
  accepts: number;
  seats: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  failed: number;
  accepted: number;
  waitlisted: number;
  usage: Metered;
}

/** How many of the event's invitations hold each answer, read through the invitation entity (consistent, every page). */
async function storedAnswers(eventId: string): Promise<Map<string, number>> {
  const { data } = await glokal.entities.invitation.query.byId({ eventId }).go({ consistent: true, pages: 'all' });
  const counts = new Map<string, number>();
  for (const { answer } of data) counts.set(answer, (counts.get(answer) ?? 0) + 1);
  return counts;
}

export async function measureRsvpContention(api: BenchApi, sizes: { accepts: number; seats: number }): Promise<ContentionResult> {
  const event = await createEvent(
    {
      title: { pl: 'Warsztaty Erasmus+ (bench)', en: 'Erasmus+ workshop (bench)' },
      description: { pl: 'Pomiar.', en: 'Measurement.' },
      type: 'workshop',
      start: '2030-02-11T10:00',
      end: '2030-02-11T14:00',
      rsvpDeadline: '2030-02-04T23:59',
      venue: 'Wałbrzych',
      capacity: sizes.seats,
      audience: { scope: 'all' },
      extraInvitees: [],
    },
    { subject: 'bench' },
    eventDependencies,
  );
  const invitees = Array.from({ length: sizes.accepts }, (_, index) => ({ inviteeId: `c${index}-${randomIds.newId()}`, email: `seat-${index}-${randomIds.newId()}@bench.example`, name: `Uczestnik ${index}`, language: 'pl' as const, memberId: `m${index}` }));
  const tokens = await invitedTokens(event, invitees);

  const { result, usage, ms } = await metered(() =>
    Promise.all(
      tokens.map(async (token) => {
        const started = performance.now();
        const response = await fetch(`${api.baseUrl}/rsvp/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'response=accept' });
        await response.arrayBuffer();
        return { ms: performance.now() - started, ok: response.status === 200 };
      }),
    ),
  );
  const answers = await storedAnswers(event.eventId);
  const times = result.map((answer) => answer.ms);
  return {
    accepts: sizes.accepts,
    seats: sizes.seats,
    seconds: ms / 1000,
    perSecond: sizes.accepts / (ms / 1000),
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    failed: result.filter((answer) => !answer.ok).length,
    accepted: answers.get('ACCEPTED') ?? 0,
    waitlisted: answers.get('WAITLISTED') ?? 0,
    usage,
  };
}
