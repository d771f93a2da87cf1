import { describe, expect, it } from 'vitest';
import type { Application } from '../../../shared/domain/applications/application.js';
import { escalateWaitingApplications, type EscalationDependencies } from '../../../shared/domain/applications/escalate-applications.js';
import { fixedClock } from '../../../shared/platform/clock.js';
import { inMemoryApplicationStore } from '../../support/fakes/in-memory-application-store.js';

function waiting(applicationId: string, submittedAt: string): Application {
  return {
    applicationId,
    status: 'SUBMITTED',
    submittedAt,
    organisation: { name: `Organisation ${applicationId}` },
  } as Application;
}

function setup(at: string, applications: Application[]) {
  const fake = inMemoryApplicationStore();
  for (const application of applications) fake.applications.set(application.applicationId, application);
  const deps: EscalationDependencies = { clock: fixedClock(at), store: fake.store, adminEmails: ['biuro@glokal.test', 'Prezes@glokal.test'], publicBaseUrl: 'https://api.glokal.test' };
  return { ...fake, deps };
}

describe('escalateWaitingApplications', () => {
  // Monday 2026-03-09, 09:00 Warsaw.
  const monday = '2026-03-09T08:00:00Z';

  it('queues nothing when no application waits more than 3 working days', async () => {
    // Submitted Wednesday: Thu, Fri, Mon = 3 working days.
    const { deps, outbox } = setup(monday, [waiting('a', '2026-03-04T10:00:00Z')]);
    expect(await escalateWaitingApplications(deps)).toEqual({ waiting: 0, queued: 0 });
    expect(outbox.size).toBe(0);
  });

  it('sends every administrator one digest, oldest first, with the working days each waited', async () => {
    const { deps, outbox } = setup(monday, [waiting('newer', '2026-03-03T10:00:00Z'), waiting('older', '2026-02-27T10:00:00Z'), waiting('fresh', '2026-03-06T10:00:00Z')]);
    expect(await escalateWaitingApplications(deps)).toEqual({ waiting: 2, queued: 2 });
    const [first, second] = [...outbox.values()];
    expect(first).toMatchObject({ to: 'biuro@glokal.test', lang: 'pl', template: 'applications-escalation', messageId: expect.stringMatching(/^escalation-2026-03-09-[0-9a-f]{16}$/) });
    expect(second!.to).toBe('Prezes@glokal.test');
    const data = first!.data as { applications: { applicationId: string; workingDaysWaiting: number }[]; adminUrl: string };
    expect(data.applications.map(({ applicationId, workingDaysWaiting }) => [applicationId, workingDaysWaiting])).toEqual([
      ['older', 6],
      ['newer', 4],
    ]);
    expect(data.adminUrl).toBe('https://api.glokal.test/admin/applications?status=SUBMITTED');
  });

  it('sends one digest a day however often it runs', async () => {
    const { deps, outbox } = setup(monday, [waiting('older', '2026-02-27T10:00:00Z')]);
    await escalateWaitingApplications(deps);
    expect(await escalateWaitingApplications(deps)).toEqual({ waiting: 1, queued: 0 });
    expect(outbox.size).toBe(2);
  });

  it('does not count weekends and Polish public holidays', async () => {
    // Easter Monday 2026-04-06 is a holiday: submitted Thursday 2 April, on Wednesday 8 April it waited Fri, Tue, Wed = 3.
    const { deps } = setup('2026-04-08T08:00:00Z', [waiting('easter', '2026-04-02T10:00:00Z')]);
    expect(await escalateWaitingApplications(deps)).toEqual({ waiting: 0, queued: 0 });
  });
});
