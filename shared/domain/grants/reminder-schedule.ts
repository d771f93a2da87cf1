import { addWarsawDays, warsawDate, warsawDaysBetween } from '../calendar/warsaw-time.js';
import type { FundingCall } from './funding-call.js';

/** A (call, offset) reminder and the Warsaw date it is due: what the due index holds, found by date. */
export interface DueReminder {
  callId: string;
  offset: number;
  dueDate: string;
  /** Set on calls of an import not yet committed: not due until it is. */
  importId?: string;
}

/** The Warsaw date `offset` calendar days before the deadline's date (a day, not 24 h: DST days are 23 or 25 h). */
export function dueDateOf(call: Pick<FundingCall, 'deadlineAt'>, offset: number): string {
  return addWarsawDays(warsawDate(new Date(call.deadlineAt)), -offset);
}

/** The reminders a call schedules: its offsets whose day is not before the day the schedule was set. */
export function scheduledReminders(call: FundingCall): DueReminder[] {
  return call.offsets
    .map((offset) => ({ callId: call.callId, offset, dueDate: dueDateOf(call, offset), ...(call.importId ? { importId: call.importId } : {}) }))
    .filter((reminder) => reminder.dueDate >= call.scheduledFrom);
}

/** What a run on `runDate` sends for a call: the latest reminder due by then, late if its day was earlier. */
export interface DueCall {
  call: FundingCall;
  offset: number;
  late: boolean;
  daysLeft: number;
}

/**
 * The reminder of a call due on `runDate`: of the scheduled offsets whose day
 * has come, the latest (smallest offset), so a missed day is caught up once,
 * not once per missed offset. Nothing once the deadline has passed `notAfter`
 * (the run's time), whatever was missed.
 */
export function dueCall(call: FundingCall, runDate: string, notAfter: Date): DueCall | undefined {
  if (new Date(call.deadlineAt).getTime() <= notAfter.getTime()) return undefined;
  const due = scheduledReminders(call).filter((reminder) => reminder.dueDate <= runDate);
  const latest = due.at(-1);
  if (!latest) return undefined;
  return { call, offset: latest.offset, late: latest.dueDate < runDate, daysLeft: warsawDaysBetween(runDate, warsawDate(new Date(call.deadlineAt))) };
}
