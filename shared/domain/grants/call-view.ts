import { toWarsawLocalTime, warsawTimeZone } from '../calendar/warsaw-time.js';
import type { FundingCall } from './funding-call.js';

/** A call as administrators read it: the deadline as they give it (Warsaw local) beside the UTC instant; no import bookkeeping. */
export function callView(call: FundingCall, now: Date) {
  const { importId: _import, ...shown } = call;
  return { ...shown, deadline: toWarsawLocalTime(new Date(call.deadlineAt)), timeZone: warsawTimeZone, status: new Date(call.deadlineAt) > now ? 'open' : 'closed' };
}
