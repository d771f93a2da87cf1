import { describe, expect, it } from 'vitest';
import { fanOutRepository } from '../../shared/adapters/dynamo/fan-out-repository.js';
import { applicationDependencies } from '../../shared/composition/applications.js';
import { eventFanOutDependencies } from '../../shared/composition/event-fan-outs.js';
import { startDueReminders } from '../../shared/domain/events/event-reminders.js';
import { submitApplicationBody } from '../../shared/contracts/application-input.js';
import { escalateWaitingApplications, type EscalationDependencies } from '../../shared/domain/applications/escalate-applications.js';
import type { ApplicationStore } from '../../shared/domain/applications/ports.js';
import { submitApplication } from '../../shared/domain/applications/submit-application.js';
import { verifyApplication } from '../../shared/domain/applications/verify-application.js';
import { deliverDueMessages } from '../../shared/domain/mail/deliver-message.js';
import { fixedClock } from '../../shared/platform/clock.js';
import { randomIds } from '../../shared/platform/ids.js';
import { invite, invitee, scheduledEvent } from '../support/invitations.js';
import { useLocalApi } from '../support/local-api.js';
import { sentEmails, uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { testDelivery } from '../support/outbox-helpers.js';
import { applicationBody } from '../support/organisations.js';
import { queuedMessagesTo } from '../support/queued-messages.js';
import { useMailer } from '../support/stream-poller.js';

const api = useLocalApi();
// The table stream brings started runs to the fan-out runner, and the outbox to the mailer, as under npm start.
useMailer();

/** An application submitted and verified at a given moment, as if the applicant had clicked then. */
async function verifiedAt(instant: string) {
  const clock = fixedClock(instant);
  const token = randomIds.newToken();
  const body = applicationBody({ name: `Przerwany ${Math.random().toString(36).slice(2, 8)}` });
  await submitApplication(submitApplicationBody.parse(body), undefined, { ...applicationDependencies, clock, ids: { ...randomIds, newToken: () => token } });
  expect((await verifyApplication(token, { ...applicationDependencies, clock })).outcome).toBe('verified');
  return body.organisation.name;
}

class Killed extends Error {}

/** The real store, except that the run dies right after queuing the first `survive` digests, before the others (a timeout, a crash, a redeploy). */
function dyingAfter(survive: number): ApplicationStore {
  const store = applicationDependencies.store;
  return {
    ...store,
    async queueOnce(messages, now) {
      await store.queueOnce(messages.slice(0, survive), now);
      throw new Killed(`killed after ${survive} of ${messages.length} digests`);
    },
  };
}

async function deliverAsOf(instant: string) {
  const { deps, clock } = testDelivery();
  clock.set(instant);
  await deliverDueMessages(deps, { limit: 500, hasTimeLeft: () => true });
}

describe('the application-escalation schedule killed half way', () => {
  it('rerun the same day, queues only the digests the killed run did not: each administrator gets one, none twice; the next day’s run is its own', { timeout: 90_000 }, async () => {
    const admins = [uniqueEmail('office-a'), uniqueEmail('office-b'), uniqueEmail('office-c')];
    const deps = (instant: string, store = applicationDependencies.store): EscalationDependencies => ({ ...applicationDependencies, store, clock: fixedClock(instant), adminEmails: admins });
    // Verified on Monday 7 June 2027: Friday 11 June is 4 working days later.
    const waiting = await verifiedAt('2027-06-07T10:00:00Z');

    await expect(escalateWaitingApplications(deps('2027-06-11T07:00:00Z', dyingAfter(1)))).rejects.toBeInstanceOf(Killed);
    // The scheduler's retry, and a second retry that overlaps nothing left to do.
    expect(await escalateWaitingApplications(deps('2027-06-11T07:05:00Z'))).toEqual({ waiting: 1, queued: 2 });
    expect(await escalateWaitingApplications(deps('2027-06-11T07:10:00Z'))).toEqual({ waiting: 1, queued: 0 });
    await deliverAsOf('2027-06-11T07:11:00Z');

    for (const admin of admins) {
      const [digest] = await waitForEmails(admin, 1, 30_000);
      expect(digest!.subject).toBe('Wnioski czekające na decyzję: 1');
      expect(digest!.body.text).toContain(waiting);
    }

    // Monday's run (still waiting): a new digest each, whatever happened on Friday.
    await expect(escalateWaitingApplications(deps('2027-06-14T07:00:00Z', dyingAfter(2)))).rejects.toBeInstanceOf(Killed);
    expect(await escalateWaitingApplications(deps('2027-06-14T07:05:00Z'))).toEqual({ waiting: 1, queued: 1 });
    await deliverAsOf('2027-06-14T07:06:00Z');
    for (const admin of admins) expect(await waitForEmails(admin, 2, 30_000)).toHaveLength(2);
    // Nothing more on its way: a late sweep sends nothing else.
    await deliverAsOf('2027-06-15T07:00:00Z');
    for (const admin of admins) expect(await sentEmails(admin)).toHaveLength(2);
  });
});

/** The real run store, except that the schedule dies right after starting its first run (before the others). */
function runsDyingAfterFirstStart(): typeof eventFanOutDependencies.runs {
  const runs = eventFanOutDependencies.runs;
  let starts = 0;
  return {
    ...runs,
    async start(run) {
      starts += 1;
      if (starts > 1) throw new Killed('killed after starting one run');
      return runs.start(run);
    },
  };
}

async function runEnded(eventId: string, runId: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await fanOutRepository.get(`EVENT#${eventId}`, runId);
    if ((run && run.status !== 'RUNNING') || Date.now() > deadline) return run;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the event-reminders schedule killed half way', () => {
  it('rerun, starts only the runs the killed one did not: each attendee gets one 7-day reminder, none twice', { timeout: 90_000 }, async () => {
    // Two events a week after 14 March 2030 (09:00 Warsaw is 08:00Z in winter time), answers closed by then: reminders, no nudges.
    const at = new Date('2030-03-14T08:00:00Z');
    const attendees: string[] = [];
    const eventIds: string[] = [];
    for (const day of ['20', '21']) {
      const eventId = await scheduledEvent(api.call, { start: `2030-03-${day}T10:00`, end: `2030-03-${day}T15:00`, rsvpDeadline: '2030-03-13T23:59' });
      const to = uniqueEmail(`reminded-${day}`);
      const tokens = await invite(eventId, [invitee(`reminded-${day}`, { email: to, language: 'en' })]);
      expect((await api.call('POST', `/rsvp/${tokens.get(`reminded-${day}`)}`, { json: { response: 'accept' } })).status).toBe(200);
      attendees.push(to);
      eventIds.push(eventId);
    }
    const deps = { ...eventFanOutDependencies };

    await expect(startDueReminders(at, { ...deps, runs: runsDyingAfterFirstStart() })).rejects.toBeInstanceOf(Killed);
    const rerun = await startDueReminders(at, deps);
    expect(rerun.started).toHaveLength(1);
    expect(rerun.alreadyStarted).toHaveLength(1);
    expect([...rerun.started, ...rerun.alreadyStarted].sort()).toEqual(eventIds.map((id) => `${id}/reminder-7d`).sort());
    // A third invocation (the scheduler's own retry) finds both started.
    expect((await startDueReminders(at, deps)).alreadyStarted).toHaveLength(2);

    for (const eventId of eventIds) expect((await runEnded(eventId, 'reminder-7d'))?.status).toBe('DONE');
    for (const to of attendees) {
      // What will be sent is known at once from the outbox; what arrived is then awaited.
      expect((await queuedMessagesTo(to)).filter((message) => message.template === 'event-reminder')).toHaveLength(1);
      expect(await waitForEmails(to, 1, 30_000, (email) => email.subject.startsWith('Reminder:'))).toHaveLength(1);
    }
  });
});
