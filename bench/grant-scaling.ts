import { fanOutRepository } from '../shared/adapters/dynamo/fan-out-repository.js';
import { grantDependencies } from '../shared/composition/grants.js';
import { grantDigestDependencies } from '../shared/composition/grant-digests.js';
import { parseWarsawLocalTime } from '../shared/domain/calendar/warsaw-time.js';
import type { FanOutRun } from '../shared/domain/fanout/fan-out.js';
import { runFanOutStep } from '../shared/domain/fanout/run-fan-out.js';
import { createCall } from '../shared/domain/grants/create-call.js';
import { grantDayRunId, grantDayScope, grantDigestKind, grantDigestPager, startGrantDay } from '../shared/domain/grants/digest-run.js';
import { fixedClock } from '../shared/platform/clock.js';
import { newAudience, seedMembers } from '../test/support/member-audience.js';
import { metered, requestCount, type Metered } from './meter.js';

/**
 * Grant reminder scaling (issue 13, item 3): the daily grant run (start, then
 * the fan-out runner's steps to the end, in process with the scheduler's
 * clock) over a small and a ten times larger audience, with open calls in the
 * table. Per size: a day with nothing due (must cost the same handful of
 * DynamoDB requests at both sizes) and a day with reminders due for everyone
 * (time must grow at most linearly). The due calls are aimed at chambers, the
 * type this part's audience has, so the digests are exactly its contacts. The calls: `calls` open ones, of which
 * `dueCalls` are due on the first size's due day and as many on the second's;
 * the others' reminders are years ahead. Every call reminds 7 days before.
 */
export interface GrantDay {
  contacts: number;
  kind: 'nothing due' | 'reminders due';
  date: string;
  seconds: number;
  requests: number;
  requestsByCommand: Record<string, number>;
  digests: number;
  /** Steps of the fan-out runner: each one invocation in AWS. */
  steps: number;
  usage: Metered;
}

const dates = [
  { nothingDue: '2027-01-20', due: '2027-02-10', deadline: '2027-02-17T12:00' },
  { nothingDue: '2027-03-20', due: '2027-04-10', deadline: '2027-04-17T12:00' },
];

const eightAm = (date: string) => {
  const parsed = parseWarsawLocalTime(`${date}T08:00`);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.instant;
};

/** A day's run as the schedule and the fan-out runner make it: started, then stepped until it is no longer running. */
async function runDay(date: string): Promise<FanOutRun> {
  const clock = fixedClock(eightAm(date));
  const deps = { ...grantDigestDependencies, clock };
  await startGrantDay(eightAm(date), deps);
  const runner = { clock, runs: fanOutRepository, kinds: { [grantDigestKind]: grantDigestPager(deps) } };
  for (let steps = 0; steps < 100_000; steps += 1) {
    const run = await runFanOutStep(grantDayScope(date), grantDayRunId, runner);
    if (!run || run.status !== 'RUNNING') return run!;
  }
  throw new Error(`the run of ${date} did not end`);
}

async function measuredDay(contacts: number, kind: GrantDay['kind'], date: string): Promise<GrantDay> {
  const { result: run, usage, ms } = await metered(() => runDay(date));
  const digests = run.counts.queued ?? 0;
  return { contacts, kind, date, seconds: ms / 1000, requests: requestCount(usage), requestsByCommand: usage.requests, digests, steps: run.step, usage };
}

async function openCalls(count: number, dueCalls: number) {
  const deadlineOf = (index: number) => {
    if (index < dueCalls) return dates[0]!.deadline;
    if (index < 2 * dueCalls) return dates[1]!.deadline;
    return `2030-0${1 + (index % 9)}-${String(10 + (index % 18)).padStart(2, '0')}T12:00`;
  };
  for (let index = 0; index < count; index += 1) {
    await createCall(
      {
        programme: ['Erasmus+', 'Interreg Central Europe', 'FEnIKS', 'Fundusze Europejskie dla Dolnego Śląska'][index % 4]!,
        callIdentifier: `BENCH-${index}`,
        title: { pl: `Nabór ${index}`, en: `Call ${index}` },
        url: 'https://erasmus-plus.ec.europa.eu/',
        deadline: deadlineOf(index),
        // The due calls reach this part's own audience (chambers) only; members other parts left active are paged over, not reminded.
        audience: index < 2 * dueCalls ? { scope: 'segment', memberTypes: ['chamber'], interests: [] } : { scope: 'all' },
        offsets: [7],
      },
      { subject: 'bench' },
      grantDependencies,
    );
  }
}

/** Runs the four days; `sizes.contacts` is [small, large], 4 contacts per member. */
export async function measureGrantScaling(sizes: { contacts: [number, number]; calls: number; dueCalls: number }): Promise<GrantDay[]> {
  await openCalls(sizes.calls, sizes.dueCalls);
  const days: GrantDay[] = [];
  let seeded = 0;
  for (const [index, contacts] of sizes.contacts.entries()) {
    const more = contacts - seeded;
    const audience = newAudience({ members: Math.ceil(more / 4), contactsPerMember: 4, label: `grants${index}` });
    await seedMembers({ ...audience, members: audience.members.map((member) => ({ ...member, type: 'chamber' as const })) });
    seeded = contacts;
    days.push(await measuredDay(contacts, 'nothing due', dates[index]!.nothingDue));
    days.push(await measuredDay(contacts, 'reminders due', dates[index]!.due));
  }
  return days;
}
