import { describe, expect, it } from 'vitest';
import { invokeFunction } from '../../infra/local/load-handler.js';
import { scheduledEvent, scheduleName } from '../../infra/local/scheduler.js';
import { manifest } from '../../infra/manifest.js';
import { sentEmails, uniqueEmail } from '../support/mailbox.js';
import { queue, storedMessage, verificationTo } from '../support/outbox-helpers.js';

const mailer = manifest.find((fn) => fn.name === 'mailer')!;
const sweepIndex = mailer.triggers.findIndex((trigger) => trigger.kind === 'schedule');

describe('overlapping schedule runs (the local scheduler lets them overlap, as AWS does)', () => {
  it('two mailer sweeps running at once send every due email exactly once', async () => {
    const recipients = Array.from({ length: 6 }, () => uniqueEmail('overlap'));
    const ids = await Promise.all(recipients.map((to) => queue(verificationTo(to), new Date(Date.now() - 1000))));

    // The scheduler's invocation of the sweep, twice at once: a run that outlasts its minute and the next one.
    const sweep = async () => {
      const startedAt = Date.now();
      const result = (await invokeFunction(mailer, scheduledEvent(scheduleName(mailer.name, sweepIndex), new Date()))) as { found?: number };
      return { startedAt, finishedAt: Date.now(), found: result?.found ?? 0 };
    };
    const [first, second] = await Promise.all([sweep(), sweep()]);

    // They really overlapped, on the same messages.
    expect(second.startedAt).toBeLessThan(first.finishedAt);
    expect(first.found + second.found).toBeGreaterThan(recipients.length);
    for (const [index, to] of recipients.entries()) {
      expect(await sentEmails(to), to).toHaveLength(1);
      expect(await storedMessage(ids[index]!)).toMatchObject({ status: 'SENT', attempts: 1 });
    }
  });
});
