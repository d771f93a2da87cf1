import type { GrantDay } from './grant-scaling.js';
import { initTimeTable, ratioToBaseline, type InitTimes } from './init-time.js';
import type { FanOutResult } from './invitation-fan-out.js';
import type { RouteOverhead } from './request-overhead.js';
import type { ContentionResult } from './rsvp-contention.js';
import { round } from './statistics.js';

/** The targets, checked against this run's figures. */
export const targets = { initRatio: 1.2, overheadRatio: 1.3, grantDueRatio: 12, fanOutPerSecond: 42 } as const;

const verdict = (met: boolean) => (met ? 'met' : '**missed**');

export interface ResultsInput {
  startedAt: Date;
  machine: string;
  command: string;
  minutes: number;
  uptimeAtStart: string;
  uptimeAtEnd: string;
  overhead: RouteOverhead[];
  contention: ContentionResult;
  fanOut: FanOutResult;
  grants: GrantDay[];
  initTimes: InitTimes;
  sizes: { requests: number; fanOut: { contacts: number; oneByOne: number }; grants: { contacts: [number, number]; calls: number; dueCalls: number }; initRuns: number };
}

/** The generated part of bench/RESULTS.md: each section's figures, its baseline and whether the target holds. */
export function resultsReport(input: ResultsInput): string {
  const { overhead, contention, fanOut, grants, initTimes, sizes } = input;
  const aboveInit = initTimes.functions.filter((fn) => ratioToBaseline(fn, initTimes.baselines) > targets.initRatio);
  const [small, large] = sizes.grants.contacts;
  const day = (contacts: number, kind: GrantDay['kind']) => grants.find((entry) => entry.contacts === contacts && entry.kind === kind)!;
  const sameNothingDue = day(small, 'nothing due').requests === day(large, 'nothing due').requests;
  const dueRatio = day(large, 'reminders due').seconds / day(small, 'reminders due').seconds;
  const commands = (entry: GrantDay) =>
    Object.entries(entry.requestsByCommand)
      .map(([command, count]) => `${command.replace(/Command$/, '')} ${count}`)
      .join(', ');
  return [
    '# Benchmark results',
    '',
    `Produced by \`${input.command}\` (bench/run.ts) on ${input.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${input.machine}, in ${input.minutes.toFixed(1)} minutes.`,
    `Machine load — at the start: \`${input.uptimeAtStart}\`; at the end: \`${input.uptimeAtEnd}\`.`,
    'Every figure is against a baseline measured in the same run, against DynamoDB Local and local SES on this machine;',
    'absolute times on Lambda and DynamoDB differ, the ratios show where the work is. Monthly cost: bench/COST.md.',
    '',
    '## Targets',
    '',
    '| # | target | this run | |',
    '|---|---|---|---|',
    `| 1 | cold start: init ≤ ${targets.initRatio}× the SDK-only baseline, every function | ${initTimes.functions.length - aboveInit.length} of ${initTimes.functions.length} within; highest ${round(Math.max(...initTimes.functions.map((fn) => ratioToBaseline(fn, initTimes.baselines))))}× | ${verdict(aboveInit.length === 0)} |`,
    ...overhead.map((route) => `| 2 | ${route.route}: median ≤ ${targets.overheadRatio}× its raw DynamoDB calls | ${round(route.ratio)}× (p50 ${round(route.p50, 1)} ms vs ${round(route.rawP50, 1)} ms raw) | ${verdict(route.ratio <= targets.overheadRatio)} |`),
    `| 3 | grant run, nothing due: same DynamoDB requests at ${small.toLocaleString('en')} and ${large.toLocaleString('en')} contacts | ${day(small, 'nothing due').requests} and ${day(large, 'nothing due').requests} | ${verdict(sameNothingDue)} |`,
    `| 3 | grant run, reminders due: ${large.toLocaleString('en')}/${small.toLocaleString('en')} time ratio ≤ ${targets.grantDueRatio} | ${round(dueRatio)} | ${verdict(dueRatio <= targets.grantDueRatio)} |`,
    `| 4 | invitation fan-out to ${fanOut.contacts.toLocaleString('en')}: ≥ ${targets.fanOutPerSecond} emails/s end to end | ${round(fanOut.endToEnd.perSecond, 1)} emails/s | ${verdict(fanOut.endToEnd.perSecond >= targets.fanOutPerSecond && fanOut.distinctAddresses === fanOut.contacts && fanOut.arrived === fanOut.contacts)} |`,
    `| 5 | RSVP contention: exactly ${contention.seats} of ${contention.accepts} accepted | ${contention.accepted} accepted, ${contention.waitlisted} waitlisted, ${contention.failed} failed answers | ${verdict(contention.accepted === contention.seats && contention.failed === 0)} |`,
    '',
    `## 2. Request overhead (${sizes.requests} sequential requests per route after 5 warm-up, each followed by its raw calls)`,
    '',
    'The route through the local HTTP API (routing, token check, API Gateway event, middy, zod contract, use case, ElectroDB)',
    'against the DynamoDB calls its use case made, recorded as they left the document client and issued again right after',
    'with a plain document client against a copy of the table that went through the same changes (bench/raw-replay.ts):',
    'the same items, conditions and transactions, overlapping calls overlapped.',
    '',
    '| route | DynamoDB calls | p50 ms | p99 ms | raw p50 ms | raw p99 ms | p50 ÷ raw p50 |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...overhead.map((route) => `| ${route.route} | ${route.calls} | ${round(route.p50)} | ${round(route.p99)} | ${round(route.rawP50)} | ${round(route.rawP99)} | ${round(route.ratio)} |`),
    '',
    `## 3. Grant reminder scaling (${sizes.grants.calls} open calls, ${sizes.grants.dueCalls} due on each due day, 4 contacts per member)`,
    '',
    'The daily run as the schedule starts it and the fan-out runner steps it, in process with the scheduler\'s clock (bench/grant-scaling.ts).',
    '',
    '| contacts | day | seconds | DynamoDB requests | by command | digests queued | runner steps |',
    '|---:|---|---:|---:|---|---:|---:|',
    ...grants.map((entry) => `| ${entry.contacts.toLocaleString('en')} | ${entry.kind} (${entry.date}) | ${round(entry.seconds)} | ${entry.requests} | ${commands(entry)} | ${entry.digests} | ${entry.steps} |`),
    '',
    `Reminders due, ${large.toLocaleString('en')} ÷ ${small.toLocaleString('en')} contacts: ${round(dueRatio)}× the time (10× the contacts).`,
    '',
    `## 4. Invitation fan-out (${fanOut.contacts.toLocaleString('en')} contacts, send rate lifted)`,
    '',
    '| delivery | emails | emails/s | ÷ plain SES loop |',
    '|---|---:|---:|---:|',
    `| plain SES sends, ${5} in flight (baseline) | ${fanOut.plainSes.sends} | ${round(fanOut.plainSes.perSecond, 1)} | 1 |`,
    `| delivery use case one at a time (outbox claim, render, send, mark sent) | ${fanOut.oneByOne.sends} | ${round(fanOut.oneByOne.perSecond, 1)} | ${round(fanOut.oneByOne.perSecond / fanOut.plainSes.perSecond)} |`,
    `| end to end: admin POST → invitation runner → outbox → stream → mailer → local SES | ${fanOut.contacts} | ${round(fanOut.endToEnd.perSecond, 1)} | ${round(fanOut.endToEnd.perSecond / fanOut.plainSes.perSecond)} |`,
    '',
    `Last email ${round(fanOut.endToEnd.seconds, 1)} s after the admin call (the invitation run itself: ${round(fanOut.endToEnd.runSeconds, 1)} s); ${fanOut.arrived} emails arrived for ${fanOut.distinctAddresses} distinct addresses.`,
    '',
    `## 5. RSVP contention (${contention.accepts} concurrent accepts, ${contention.seats} seats)`,
    '',
    '| accepts | seconds | answers/s | p50 ms | p99 ms | accepted | waitlisted | failed |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${contention.accepts} | ${round(contention.seconds)} | ${round(contention.perSecond, 1)} | ${round(contention.p50)} | ${round(contention.p99)} | ${contention.accepted} | ${contention.waitlisted} | ${contention.failed} |`,
    '',
    `## 1. Cold start per function (module load of the deployed bundle; median of ${sizes.initRuns} fresh \`node\` processes, two at a time, Lambda-like environment, tracing on)`,
    '',
    'CPU time of the import against a bundle that only creates the same SDK clients (`bench/baselines/`); every function in the manifest; `npx tsx bench/init-time.ts` measures only this.',
    '',
    ...initTimeTable(initTimes),
    '',
  ].join('\n');
}
