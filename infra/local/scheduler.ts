import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { ScheduledEvent } from 'aws-lambda';
import { schedules, type FunctionDeclaration, type ScheduleTrigger } from '../manifest-types.js';
import { invokeFunction } from './load-handler.js';

/**
 * EventBridge Scheduler cron (minutes hours day-of-month month day-of-week
 * year) → croner pattern (seconds first). `?` means "any" in EventBridge but
 * "now" in croner, so it becomes `*`. Day-of-week numbers differ between the
 * two (1 = Sunday vs 0 = Sunday), so the manifest must use names.
 */
export function toCronerPattern(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`EventBridge cron needs six fields: "${cron}"`);
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [string, string, string, string, string, string];
  if (year !== '*') throw new Error(`Only "*" is supported as the year of "${cron}"`);
  if (/\d/.test(dayOfWeek)) throw new Error(`Use day names (MON-FRI), not numbers, in "${cron}"`);
  const any = (field: string) => (field === '?' ? '*' : field);
  return ['0', minutes, hours, any(dayOfMonth), month, any(dayOfWeek)].join(' ');
}

/** The event our schedules deliver, in AWS (via the target input template) and locally. */
export function scheduledEvent(scheduleName: string, time: Date): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.scheduler',
    account: '000000000000',
    time: time.toISOString(),
    region: 'eu-central-1',
    resources: [`arn:aws:scheduler:eu-central-1:000000000000:schedule/default/${scheduleName}`],
    detail: {},
  };
}

export function scheduleName(functionName: string, index: number): string {
  return `${functionName}-${index}`;
}

/**
 * Runs every manifest schedule in its own time zone, like EventBridge
 * Scheduler. Like it, a run starts on time even while the previous one is
 * still going (the mailer's sweep may take up to its 120 s timeout on a
 * one-minute schedule): the use cases must be safe for that, and running
 * them overlapped here shows it.
 */
export function startLocalScheduler(manifest: readonly FunctionDeclaration[], log: (line: string) => void) {
  const jobs = schedules(manifest).map(({ fn, trigger, index }: { fn: FunctionDeclaration; trigger: ScheduleTrigger; index: number }) => {
    const name = scheduleName(fn.name, index);
    // Every-minute schedules (the outbox sweep) would flood the console; they only speak when they fail.
    const quiet = trigger.cron.startsWith('* ');
    const job: Cron = new Cron(toCronerPattern(trigger.cron), { timezone: trigger.timeZone, catch: true }, async () => {
      const time = job.currentRun() ?? new Date();
      try {
        await invokeFunction(fn, scheduledEvent(name, time));
        if (!quiet) log(`schedule ${name} ran for ${time.toISOString()}`);
      } catch (error) {
        log(`schedule ${name} failed: ${(error as Error).message}`);
      }
    });
    return { name, job };
  });
  return {
    describe: () => jobs.map(({ name, job }) => `${name} next at ${job.nextRun()?.toISOString() ?? 'never'}`),
    stop: () => jobs.forEach(({ job }) => job.stop()),
  };
}
