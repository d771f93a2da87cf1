import type { MeasuredUnits, UnitCost } from './cost-model.js';
import type { FanOutResult } from './invitation-fan-out.js';
import type { GrantDay } from './grant-scaling.js';
import type { IdleWork } from './idle-work.js';
import { gbSeconds, invocationCount, type Metered } from './meter.js';
import type { RouteOverhead } from './request-overhead.js';
import type { ContentionResult } from './rsvp-contention.js';

/** The runner's memory (fan-out runner, default 512 MB): the grant run is stepped in process, so its Lambda time is its wall time. */
const runnerGb = 0.5;

const perUnit = (usage: Metered, count: number, extra: Partial<UnitCost> = {}): UnitCost => ({
  readUnits: usage.readUnits / count,
  writeUnits: usage.writeUnits / count,
  invocations: invocationCount(usage) / count,
  gbSeconds: gbSeconds(usage) / count,
  emails: usage.sesSends / count,
  apiRequests: 0,
  ...extra,
});
const add = (...units: UnitCost[]): UnitCost =>
  units.reduce((total, unit) => ({ readUnits: total.readUnits + unit.readUnits, writeUnits: total.writeUnits + unit.writeUnits, invocations: total.invocations + unit.invocations, gbSeconds: total.gbSeconds + unit.gbSeconds, emails: total.emails + unit.emails, apiRequests: total.apiRequests + unit.apiRequests }));

/**
 * Per-unit costs from the bench's measurements. Where a step was not measured
 * on its own it is costed as the nearest measured one, and said so here:
 * verifying an application as submitting one (a read and a transaction of
 * similar size); delivering any email as delivering an invitation (the
 * invitation's share of its run included, so an over-estimate).
 */
export function measuredUnits(measured: { overhead: RouteOverhead[]; contention: ContentionResult; fanOut: FanOutResult; grants: GrantDay[]; idle: IdleWork }): MeasuredUnits {
  const route = (prefix: string) => measured.overhead.find((entry) => entry.route.startsWith(prefix))!;
  const submit = route('POST /applications');
  const approve = route('POST /admin/applications');
  // The overhead run made `requests` requests plus a warm-up of 5, all metered.
  const submitUnit = perUnit(submit.usage, submit.requests + 5);
  const approveUnit = perUnit(approve.usage, approve.requests + 5);
  const invitation = perUnit(measured.fanOut.usage, measured.fanOut.contacts, { emails: 1 });
  const application = add(submitUnit, submitUnit, approveUnit, { ...invitation, readUnits: invitation.readUnits * 3, writeUnits: invitation.writeUnits * 3, invocations: invitation.invocations * 3, gbSeconds: invitation.gbSeconds * 3, emails: 3, apiRequests: 5 });
  const rsvp = add(perUnit(measured.contention.usage, measured.contention.accepts), { ...invitation, apiRequests: 2 });
  const largest = Math.max(...measured.grants.map((day) => day.contacts));
  const nothingDue = measured.grants.find((day) => day.contacts === largest && day.kind === 'nothing due')!;
  const due = measured.grants.find((day) => day.contacts === largest && day.kind === 'reminders due')!;
  const grantDayNothingDue: UnitCost = { ...perUnit(nothingDue.usage, 1), invocations: 2, gbSeconds: nothingDue.seconds * runnerGb };
  const digestRun: UnitCost = {
    ...perUnit({ ...due.usage, readUnits: due.usage.readUnits - nothingDue.usage.readUnits, writeUnits: due.usage.writeUnits - nothingDue.usage.writeUnits }, Math.max(1, due.digests)),
    invocations: due.steps / Math.max(1, due.digests),
    gbSeconds: (due.seconds * runnerGb) / Math.max(1, due.digests),
  };
  return {
    application,
    invitation,
    rsvp,
    digest: add(digestRun, { ...invitation, emails: 1 }),
    grantDayNothingDue,
    sweep: perUnit(measured.idle.sweep, measured.idle.sweeps),
    adminRead: perUnit(measured.idle.adminRead, measured.idle.adminReads, { apiRequests: 1 }),
  };
}
