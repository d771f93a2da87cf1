// The bench's parts at tiny sizes, so `npm run bench` cannot rot: this file lifts the send rate for itself (as the bench does) before any module reads the configuration.
const { volumeEnvironment } = await import('../support/volume-environment.js');
Object.assign(process.env, volumeEnvironment);
const { describe, expect, it } = await import('vitest');
const { issueLocalToken } = await import('../../infra/local/local-issuer.js');
const { useLocalApi } = await import('../support/local-api.js');
const { measureRequestOverhead } = await import('../../bench/request-overhead.js');
const { measureRsvpContention } = await import('../../bench/rsvp-contention.js');
const { measureInvitationFanOut } = await import('../../bench/invitation-fan-out.js');
const { measureIdleWork } = await import('../../bench/idle-work.js');
const { measureGrantScaling } = await import('../../bench/grant-scaling.js');
const { measureInitTimes } = await import('../../bench/init-time.js');
const { measuredUnits } = await import('../../bench/units.js');
const { costReport, monthlyBill, scenarios } = await import('../../bench/cost-model.js');
const { resultsReport } = await import('../../bench/report.js');

const api = useLocalApi();

/** A stack as bench/stack-inventory.ts reads it from the template (synthesising it takes a minute; test/infra checks the stack itself). */
const stack = { alarms: 5, alarmMetrics: 56, kmsKeys: 1, secrets: 1, secureStringParameters: 1, logGroups: 54, logRetentionDays: [90], functions: 53 };

describe('npm run bench, every part at tiny sizes', () => {
  it('measures overhead, contention, fan-out, idle work, grant scaling and init time, and writes the results and the cost', { timeout: 240_000 }, async () => {
    const bench = { baseUrl: api.baseUrl(), adminToken: await issueLocalToken({ role: 'admin' }) };

    const overhead = await measureRequestOverhead(bench, 2);
    expect(overhead.map((route) => route.route)).toEqual(['POST /applications', 'POST /rsvp/{token} (accept)', 'POST /admin/applications/{id}/approve']);
    for (const route of overhead) {
      expect(route.calls, route.route).toBeGreaterThan(0);
      expect(route.rawP50, route.route).toBeGreaterThan(0);
      expect(route.usage.writeUnits, route.route).toBeGreaterThan(0);
    }

    const contention = await measureRsvpContention(bench, { accepts: 8, seats: 3 });
    expect(contention).toMatchObject({ accepted: 3, waitlisted: 5, failed: 0 });

    const fanOut = await measureInvitationFanOut(bench, { contacts: 12, plainSends: 12, oneByOne: 3 });
    expect(fanOut).toMatchObject({ arrived: 12, distinctAddresses: 12 });
    expect(fanOut.usage.sesSends).toBeGreaterThanOrEqual(12);
    expect(fanOut.usage.invocations.mailer?.count).toBeGreaterThan(0);

    const idle = await measureIdleWork(bench, 2);
    expect(idle.sweep.invocations.mailer?.count).toBe(2);
    // Measured on an empty outbox: an idle sweep sends nothing.
    expect(idle.sweep.sesSends).toBe(0);

    const grants = await measureGrantScaling({ contacts: [4, 8], calls: 4, dueCalls: 1 });
    const nothingDue = grants.filter((day) => day.kind === 'nothing due').map((day) => day.requests);
    expect(nothingDue[0]).toBe(nothingDue[1]);
    expect(grants.filter((day) => day.kind === 'reminders due').map((day) => day.digests)).toEqual([4, 8]);

    const [initTimes] = await measureInitTimes(undefined, { runs: 1, only: ['get-health'] });
    expect(initTimes!.functions.map((fn) => fn.name)).toEqual(['get-health']);

    const units = measuredUnits({ overhead, contention, fanOut, grants, idle });
    expect(units.invitation.emails).toBe(1);
    expect(units.application.writeUnits).toBeGreaterThan(units.invitation.writeUnits);
    const bills = scenarios.map((scenario) => monthlyBill(scenario, units, stack));
    expect(bills[1]!.totalEur).toBeGreaterThan(bills[0]!.totalEur);
    const cost = costReport(units, stack, { date: '2026-11-29', command: 'smoke' });
    expect(cost).toContain('(a) the cluster today');
    expect(cost).toContain('(b) 50,000 contacts');

    const results = resultsReport({
      startedAt: new Date(),
      machine: 'test',
      command: 'smoke',
      minutes: 0,
      uptimeAtStart: '',
      uptimeAtEnd: '',
      overhead,
      contention,
      fanOut,
      grants,
      initTimes: initTimes!,
      sizes: { requests: 2, fanOut: { contacts: 12, oneByOne: 3 }, grants: { contacts: [4, 8], calls: 4, dueCalls: 1 }, initRuns: 1 },
    });
    for (const section of ['## Targets', '## 2. Request overhead', '## 3. Grant reminder scaling', '## 4. Invitation fan-out', '## 5. RSVP contention', '## 1. Cold start']) expect(results).toContain(section);
  });
});

export {};
