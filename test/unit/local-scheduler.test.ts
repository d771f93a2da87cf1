import { afterEach, describe, expect, it, vi } from 'vitest';
import { startLocalScheduler } from '../../infra/local/scheduler.js';
import type { FunctionDeclaration } from '../../infra/manifest-types.js';
import type { SlowRuns } from '../support/fixtures/slow-scheduled-run.js';

const fixture: FunctionDeclaration = {
  name: 'record-scheduled-event',
  entry: 'test/support/fixtures/record-scheduled-event.ts',
  description: 'test fixture',
  triggers: [{ kind: 'schedule', cron: '0 9 ? * MON-FRI *', timeZone: 'Europe/Warsaw', description: 'working days 09:00' }],
  table: 'none',
  sendsMail: false,
};

afterEach(() => vi.useRealTimers());

describe('the local scheduler', () => {
  it('hands the handler a scheduler event whose time is the scheduled time, in Warsaw time', async () => {
    // Monday 30 November 2026, 08:59:30 in Warsaw (UTC+1): the run is due at 08:00:00Z.
    vi.useFakeTimers({ now: new Date('2026-11-30T07:59:30Z') });
    const lines: string[] = [];
    const scheduler = startLocalScheduler([fixture], (line) => lines.push(line));
    expect(scheduler.describe()).toEqual(['record-scheduled-event-0 next at 2026-11-30T08:00:00.000Z']);
    await vi.advanceTimersByTimeAsync(45_000);
    await vi.waitFor(() => expect((globalThis as { scheduledEvents?: unknown[] }).scheduledEvents).toHaveLength(1));
    scheduler.stop();
    expect((globalThis as { scheduledEvents?: unknown[] }).scheduledEvents![0]).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.scheduler',
      time: '2026-11-30T08:00:00.000Z',
      resources: [expect.stringContaining('schedule/default/record-scheduled-event-0')],
    });
    expect(lines).toContain('schedule record-scheduled-event-0 ran for 2026-11-30T08:00:00.000Z');
  });

  it('starts a run on time while the previous one is still running, as EventBridge Scheduler does', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-30T07:59:30Z') });
    const everyMinute: FunctionDeclaration = {
      ...fixture,
      name: 'slow-scheduled-run',
      entry: 'test/support/fixtures/slow-scheduled-run.ts',
      triggers: [{ kind: 'schedule', cron: '* * * * ? *', timeZone: 'Europe/Warsaw', description: 'every minute' }],
    };
    const runs = () => (globalThis as { slowRuns?: SlowRuns }).slowRuns;
    const scheduler = startLocalScheduler([everyMinute], () => undefined);
    await vi.advanceTimersByTimeAsync(30_000);
    await vi.waitFor(() => expect(runs()?.started).toBe(1));
    // The first run has not finished when the next minute comes.
    await vi.advanceTimersByTimeAsync(60_000);
    await vi.waitFor(() => expect(runs()?.started).toBe(2));
    scheduler.stop();
    expect(runs()!.mostAtOnce).toBe(2);
    for (const finish of runs()!.finish.splice(0)) finish();
    await vi.waitFor(() => expect(runs()!.running).toBe(0));
  });
});
