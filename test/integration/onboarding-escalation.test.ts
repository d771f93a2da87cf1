import { describe, expect, it } from 'vitest';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { handler as escalate } from '../../functions/applications/escalate-applications.js';
import { applicationDependencies } from '../../shared/composition/applications.js';
import { submitApplicationBody } from '../../shared/contracts/application-input.js';
import { submitApplication } from '../../shared/domain/applications/submit-application.js';
import { verifyApplication } from '../../shared/domain/applications/verify-application.js';
import { deliverDueMessages } from '../../shared/domain/mail/deliver-message.js';
import { fixedClock } from '../../shared/platform/clock.js';
import { randomIds } from '../../shared/platform/ids.js';
import { fileMailbox } from '../support/mailbox.js';
import { testDelivery } from '../support/outbox-helpers.js';
import { applicationBody } from '../support/organisations.js';

const context = { awsRequestId: 'test', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
const scheduledAt = (time: string) => ({ 'detail-type': 'Scheduled Event', source: 'aws.scheduler', time }) as ScheduledEvent;

/** An application submitted and verified at a given moment, as if the applicant had clicked then. */
async function verifiedAt(instant: string) {
  const clock = fixedClock(instant);
  const token = randomIds.newToken();
  const body = applicationBody({ name: `Oczekujący ${Math.random().toString(36).slice(2, 8)}` });
  await submitApplication(submitApplicationBody.parse(body), undefined, { ...applicationDependencies, clock, ids: { ...randomIds, newToken: () => token } });
  expect((await verifyApplication(token, { ...applicationDependencies, clock })).outcome).toBe('verified');
  return body.organisation.name;
}

async function deliverAsOf(instant: string) {
  const { deps, clock } = testDelivery();
  clock.set(instant);
  await deliverDueMessages(deps, { limit: 500, hasTimeLeft: () => true });
}

/** The office's digests since this file started (other files' schedules email the same office address). */
async function digests() {
  return (await fileMailbox().emails()).filter((email) => email.destination.to.includes(process.env.ADMIN_EMAILS!) && email.subject.startsWith('Wnioski czekające'));
}

describe('application-escalation schedule', () => {
  it('emails administrators one digest of applications waiting more than 3 working days, once a day', async () => {
    // Verified on Monday 1 March 2027; Thursday is 3 working days later, Friday 4.
    const waiting = await verifiedAt('2027-03-01T10:00:00Z');
    const recent = await verifiedAt('2027-03-03T10:00:00Z');

    expect(await escalate(scheduledAt('2027-03-04T08:00:00Z'), context)).toEqual({ waiting: 0, queued: 0 });
    expect(await escalate(scheduledAt('2027-03-05T08:00:00Z'), context)).toEqual({ waiting: 1, queued: 1 });
    // A retried or doubled run the same day sends nothing more.
    expect(await escalate(scheduledAt('2027-03-05T08:00:00Z'), context)).toEqual({ waiting: 1, queued: 0 });
    await deliverAsOf('2027-03-05T08:01:00Z');

    // Only this test's application is this old, so the digests naming it are this schedule's.
    const sent = (await digests()).filter((digest) => digest.body.text?.includes(waiting));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toBe('Wnioski czekające na decyzję: 1');
    expect(sent[0]!.body.text).toContain(`${waiting} – złożony 1 marca 2027, czeka 4 dni robocze`);
    expect(sent[0]!.body.text).not.toContain(recent);
  });

  it('does not count weekends and Polish public holidays as working days', async () => {
    // An older application, so that the digest of 5 May exists whichever tests ran before.
    await verifiedAt('2027-04-20T10:00:00Z');
    // Verified Thursday 29 April 2027; Friday 30 April, then the 1 and 3 May holidays and a weekend.
    const name = await verifiedAt('2027-04-29T10:00:00Z');
    // 30 April, 4 May, 5 May: 3 working days is not yet "more than 3"; the digest lists only the older applications.
    expect(await escalate(scheduledAt('2027-05-05T07:00:00Z'), context)).toMatchObject({ queued: 1 });
    await deliverAsOf('2027-05-05T07:01:00Z');
    const fifthOfMay = (await digests()).filter((digest) => digest.body.text?.includes('czeka') && !digest.body.text.includes(name));
    expect(fifthOfMay.length).toBeGreaterThanOrEqual(1);
    expect((await digests()).some((digest) => digest.body.text?.includes(name))).toBe(false);
    expect(await escalate(scheduledAt('2027-05-06T07:00:00Z'), context)).toMatchObject({ queued: 1 });
    await deliverAsOf('2027-05-06T07:01:00Z');
    expect((await digests()).some((digest) => (digest.body.text ?? '').includes(`${name} – złożony 29 kwietnia 2027, czeka 4 dni robocze`))).toBe(true);
  });
});
