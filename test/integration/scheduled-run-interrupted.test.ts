import { describe, expect, it } from 'vitest';
import { applicationDependencies } from '../../shared/composition/applications.js';
import { submitApplicationBody } from '../../shared/contracts/application-input.js';
import { escalateWaitingApplications, type EscalationDependencies } from '../../shared/domain/applications/escalate-applications.js';
import type { ApplicationStore } from '../../shared/domain/applications/ports.js';
import { submitApplication } from '../../shared/domain/applications/submit-application.js';
import { verifyApplication } from '../../shared/domain/applications/verify-application.js';
import { deliverDueMessages } from '../../shared/domain/mail/deliver-message.js';
import { fixedClock } from '../../shared/platform/clock.js';
import { randomIds } from '../../shared/platform/ids.js';
import { sentEmails, uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { testDelivery } from '../support/outbox-helpers.js';
import { applicationBody } from '../support/organisations.js';

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
  it('rerun the same day, queues only the digests the killed run did not: each administrator gets one, none twice; the next day’s run is its own', async () => {
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
      const [digest] = await waitForEmails(admin, 1);
      expect(digest!.subject).toBe('Wnioski czekające na decyzję: 1');
      expect(digest!.body.text).toContain(waiting);
    }

    // Monday's run (still waiting): a new digest each, whatever happened on Friday.
    await expect(escalateWaitingApplications(deps('2027-06-14T07:00:00Z', dyingAfter(2)))).rejects.toBeInstanceOf(Killed);
    expect(await escalateWaitingApplications(deps('2027-06-14T07:05:00Z'))).toEqual({ waiting: 1, queued: 1 });
    await deliverAsOf('2027-06-14T07:06:00Z');
    for (const admin of admins) expect(await waitForEmails(admin, 2)).toHaveLength(2);
    // Nothing more on its way: a late sweep sends nothing else.
    await deliverAsOf('2027-06-15T07:00:00Z');
    for (const admin of admins) expect(await sentEmails(admin)).toHaveLength(2);
  });
});
