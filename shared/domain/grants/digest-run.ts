import type { Clock } from '../../platform/clock.js';
import { mapWithConcurrency } from '../../platform/concurrency.js';
import { warsawDate } from '../calendar/warsaw-time.js';
import type { FanOutPage, FanOutPager, FanOutRun, FanOutStore, FanOutUnit } from '../fanout/fan-out.js';
import { newFanOutRun } from '../fanout/run-fan-out.js';
import type { RecipientStates } from '../mail/ports.js';
import { audiencePage, matchesAudience, memberAudienceOf } from '../members/audience.js';
import { receivesMemberCommunication, sameAddress, type MemberAggregate } from '../members/member.js';
import type { MemberDirectory } from '../members/ports.js';
import { digestUnit, type Addressee, type DigestLinkDependencies } from './digest-message.js';
import type { GrantLink, GrantLinkStore } from './opt-out-links.js';
import type { CallStore, DueReminderIndex } from './ports.js';
import { dueCall, type DueCall, type DueReminder } from './reminder-schedule.js';

/**
 * The daily grant reminder run (issue 11, items 3–5): one fan-out run per
 * Warsaw date (scope `GRANT_DAY#<date>`, fixed id), paging through the active
 * members. Each address gets ONE digest that day (message id per date and
 * address) listing every call due for it; each (contact, call, offset) has a
 * marker written with the digest, so a retry, a second invocation or another
 * day's overlapping run sends no reminder twice. A day with nothing due reads
 * the due index once and ends.
 */
export const grantDigestKind = 'grant-digest';
export const grantDayScope = (runDate: string) => `GRANT_DAY#${runDate}`;
export const grantDayRunId = 'digests';

/** Members per page: their contacts' addresses, each with a few reads, stay far from the runner's time limit. */
const membersPerPage = 25;
/** Addresses looked up at once (one query each, for the same address in other members): enough to overlap the reads' latency, few enough not to flood the table's connections. */
const addressesAtOnce = 5;

export interface DigestDependencies extends DigestLinkDependencies {
  clock: Clock;
  directory: MemberDirectory;
  /** Every contact (any member) with an address: one digest covers them all. */
  contactsWithAddress(email: string): Promise<Array<{ memberId: string; contactId: string }>>;
  calls: Pick<CallStore, 'getMany'>;
  due: DueReminderIndex;
  runs: Pick<FanOutStore, 'start' | 'existingMarkers'>;
  recipients: RecipientStates;
  links: Pick<GrantLinkStore, 'save' | 'notRelevantAmong'>;
  /** What each run's counts say was sent, per call and offset, kept with the call when the run ends. */
  sentCounts: { record(callId: string, runDate: string, perOffset: Record<string, number>): Promise<void> };
}

/** The scheduler's event: the run date is its time's Warsaw date, so `npm run invoke` replays any day. A second start of a day is a no-op. */
export async function startGrantDay(time: Date, deps: Pick<DigestDependencies, 'clock' | 'runs'>): Promise<{ runDate: string; started: boolean }> {
  const runDate = warsawDate(time);
  const run = newFanOutRun(
    { scope: grantDayScope(runDate), runId: grantDayRunId, kind: grantDigestKind, params: { runDate, runAt: time.toISOString() }, startedBy: 'schedule:grant-deadline-reminders' },
    deps.clock.now(),
  );
  return { runDate, started: (await deps.runs.start(run)) === 'started' };
}

/** Where a run is: the reminders it covers (read once, on its first page), then members page by page, then its end. */
interface DigestCursor {
  phase: 'members' | 'finish';
  reminders: Array<[callId: string, offset: number, dueDate: string]>;
  members?: string;
}
const encodeCursor = (cursor: DigestCursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
const decodeCursor = (text: string) => JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as DigestCursor;

export const markerOf = (contactId: string, call: DueCall) => `grant-sent#${contactId}#${call.call.callId}#${call.offset}`;
const sentCountKey = (call: DueCall) => `sent:${call.call.callId}:${call.offset}`;

/** Every contact with this address, in any member, who receives grant reminders now: the digest speaks to all of them at once. */
async function addressee(email: string, loaded: Map<string, Promise<MemberAggregate | undefined>>, deps: DigestDependencies, now: Date): Promise<Addressee> {
  const load = (memberId: string) => {
    if (!loaded.has(memberId)) loaded.set(memberId, deps.directory.load(memberId));
    return loaded.get(memberId)!;
  };
  const found = await deps.contactsWithAddress(email);
  const contacts = [];
  for (const { memberId, contactId } of found) {
    const aggregate = await load(memberId);
    const contact = aggregate?.contacts.find((candidate) => candidate.contactId === contactId);
    if (aggregate && contact && sameAddress(contact.email, email) && receivesMemberCommunication(aggregate.member, contact, 'grants', now)) contacts.push({ contact, aggregate });
  }
  return { email, contacts: contacts.sort((a, b) => a.contact.contactId.localeCompare(b.contact.contactId)) };
}

/** For one address: each due call with the markers of the contacts it reaches, unless marked "not relevant". */
function callsFor(who: Addressee, dueCalls: DueCall[], notRelevant: Set<string>): Array<{ due: DueCall; markers: string[] }> {
  return dueCalls
    .filter((due) => !notRelevant.has(due.call.callId))
    .map((due) => ({ due, markers: who.contacts.filter(({ aggregate }) => matchesAudience(aggregate.member, memberAudienceOf(due.call.audience))).map(({ contact }) => markerOf(contact.contactId, due)) }))
    .filter(({ markers }) => markers.length > 0);
}

/** The run's end: each call's counts kept with the call, and the reminders it covered leave the due index. */
async function finish(run: FanOutRun, cursor: DigestCursor, deps: DigestDependencies): Promise<FanOutPage> {
  const perCall = new Map<string, Record<string, number>>();
  for (const [name, count] of Object.entries(run.counts)) {
    const [kind, callId, offset] = name.split(':');
    if (kind !== 'sent' || !callId || !offset) continue;
    perCall.set(callId, { ...perCall.get(callId), [offset]: count });
  }
  await Promise.all([...perCall].map(([callId, perOffset]) => deps.sentCounts.record(callId, run.params.runDate!, perOffset)));
  await deps.due.covered(cursor.reminders.map(([callId, offset, dueDate]) => ({ callId, offset, dueDate })));
  return { units: [] };
}

/**
 * One page of a day's run: a page of active members in the audience of any
 * call due, each of their addresses with every call due for it (every
 * contact of that address counted, in whichever member), minus what its
 * markers say was sent, what it marked not relevant, and addresses that are
 * suppressed or unsubscribed from grants.
 */
export function grantDigestPager(deps: DigestDependencies): FanOutPager {
  return async (run) => {
    const runDate = run.params.runDate!;
    const now = deps.clock.now();
    const notAfter = new Date(Math.max(now.getTime(), new Date(run.params.runAt ?? now).getTime()));
    let cursor: DigestCursor;
    if (run.cursor) cursor = decodeCursor(run.cursor);
    else {
      const reminders: DueReminder[] = await deps.due.dueBy(runDate);
      // Nothing due: the day costs this one query of the due index.
      if (reminders.length === 0) return { units: [] };
      cursor = { phase: 'members', reminders: reminders.map(({ callId, offset, dueDate }) => [callId, offset, dueDate]) };
    }
    if (cursor.phase === 'finish') return finish(run, cursor, deps);

    const calls = await deps.calls.getMany([...new Set(cursor.reminders.map(([callId]) => callId))]);
    const dueCalls = calls
      .map((call) => dueCall(call, runDate, notAfter))
      .filter((due): due is DueCall => due !== undefined)
      .sort((a, b) => a.call.deadlineAt.localeCompare(b.call.deadlineAt));
    const finishCursor = encodeCursor({ phase: 'finish', reminders: cursor.reminders });
    if (dueCalls.length === 0) return { units: [], cursor: finishCursor };

    const page = await audiencePage({}, { limit: membersPerPage, ...(cursor.members ? { cursor: cursor.members } : {}) }, deps);
    const next = page.cursor ? encodeCursor({ ...cursor, members: page.cursor }) : finishCursor;
    const inAudience = page.members.filter((member) => dueCalls.some((due) => matchesAudience(member, memberAudienceOf(due.call.audience))));
    const loaded = new Map<string, Promise<MemberAggregate | undefined>>();
    const addresses = new Set<string>();
    const aggregates = await mapWithConcurrency(inAudience, addressesAtOnce, async ({ memberId }) => {
      const aggregate = deps.directory.load(memberId);
      loaded.set(memberId, aggregate);
      return aggregate;
    });
    for (const aggregate of aggregates) {
      for (const contact of aggregate?.contacts ?? []) {
        if (aggregate && receivesMemberCommunication(aggregate.member, contact, 'grants', now)) addresses.add(contact.email.trim().toLowerCase());
      }
    }

    // The page's states and "not relevant" marks by key, a few batch gets for all its addresses; a query per address only for its other contacts.
    const sorted = [...addresses].sort();
    const dueCallIds = dueCalls.map((due) => due.call.callId);
    const [states, notRelevant] = await Promise.all([deps.recipients.states(sorted), deps.links.notRelevantAmong(sorted, dueCallIds)]);
    const addressees = await mapWithConcurrency(sorted, addressesAtOnce, async (email) => {
      const who = await addressee(email, loaded, deps, now);
      return { who, state: states.get(email)!, calls: callsFor(who, dueCalls, notRelevant.get(email) ?? new Set()) };
    });
    const existing = await deps.runs.existingMarkers(addressees.flatMap(({ calls }) => calls.flatMap(({ markers }) => markers)));
    const units: FanOutUnit[] = [];
    const links: GrantLink[] = [];
    const counts: Record<string, number> = {};
    for (const { who, state, calls } of addressees) {
      // A call goes to an address once: not if the reminder reached any of its contacts already.
      const fresh = calls.filter(({ markers }) => !markers.some((marker) => existing.has(marker)));
      if (fresh.length === 0 || who.contacts.length === 0) continue;
      if (state.suppressed || state.unsubscribed.includes('grants')) {
        counts.skipped = (counts.skipped ?? 0) + 1;
        continue;
      }
      const made = await digestUnit(
        who,
        fresh.map(({ due }) => due),
        runDate,
        deps,
      );
      units.push({ ...made.unit, markers: fresh.flatMap(({ markers }) => markers) });
      links.push(...made.links);
      for (const { due } of fresh) counts[sentCountKey(due)] = (counts[sentCountKey(due)] ?? 0) + 1;
    }
    // The links exist before their emails can: a digest never points at a missing link.
    await deps.links.save(links);
    return { units, cursor: next, counts };
  };
}
