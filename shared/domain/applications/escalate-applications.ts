import { createHash } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import { warsawDate } from '../calendar/warsaw-time.js';
import { workingDaysBetween } from '../calendar/working-days.js';
import type { ApplicationStore } from './ports.js';

export const escalationThresholdWorkingDays = 3;

export interface EscalationDependencies {
  clock: Clock;
  store: ApplicationStore;
  adminEmails: string[];
  publicBaseUrl: string;
}

/**
 * The daily digest of applications waiting for a decision more than three
 * working days. One digest per administrator per day, however often it runs.
 */
export async function escalateWaitingApplications(deps: EscalationDependencies): Promise<{ waiting: number; queued: number }> {
  const now = deps.clock.now();
  const today = warsawDate(now);
  // Three working days are at least three calendar days: query that superset, then count exactly.
  const candidates = await deps.store.submittedBefore(new Date(now.getTime() - escalationThresholdWorkingDays * 86_400_000));
  const waiting = candidates
    .map((application) => ({
      applicationId: application.applicationId,
      organisationName: application.organisation.name,
      submittedAt: application.submittedAt!,
      workingDaysWaiting: workingDaysBetween(warsawDate(new Date(application.submittedAt!)), today),
    }))
    .filter((application) => application.workingDaysWaiting > escalationThresholdWorkingDays)
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  if (waiting.length === 0) return { waiting: 0, queued: 0 };

  const messages = deps.adminEmails.map((to) => ({
    messageId: `escalation-${today}-${createHash('sha256').update(to.toLowerCase()).digest('hex').slice(0, 16)}`,
    to,
    lang: 'pl' as const,
    template: 'applications-escalation' as const,
    data: { applications: waiting, adminUrl: `${deps.publicBaseUrl}/admin/applications?status=SUBMITTED` },
  }));
  const queued = await deps.store.queueOnce(messages, now);
  return { waiting: waiting.length, queued };
}
