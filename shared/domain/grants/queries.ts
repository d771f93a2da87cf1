import type { Clock } from '../../platform/clock.js';
import { NotFoundError } from '../errors.js';
import type { Page } from '../page.js';
import type { FundingCall } from './funding-call.js';
import type { CallStatus, CallStore } from './ports.js';

interface QueryDependencies {
  clock: Clock;
  store: CallStore;
}

/** Named query: open calls (deadline ahead) nearest first, or closed ones (deadline passed), by deadline. */
export async function listCalls(filter: { status: CallStatus; limit: number; cursor?: string }, deps: QueryDependencies): Promise<Page<FundingCall>> {
  return deps.store.list({ ...filter, now: deps.clock.now() });
}

/** Every open call (deadline ahead), nearest first, a page at a time; the office tracks tens, so a thousand is far past any real list. */
export async function allOpenCalls(now: Date, deps: { store: Pick<CallStore, 'list'> }): Promise<FundingCall[]> {
  const calls: FundingCall[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.list({ status: 'open', now, limit: 100, ...(cursor ? { cursor } : {}) });
    calls.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && calls.length < 1_000);
  return calls;
}

/** Named query behind `GET /admin/grants/{id}`: the call and how many reminders went out per offset. */
export async function callWithReminders(callId: string, deps: Pick<QueryDependencies, 'store'>): Promise<{ call: FundingCall; remindersSent: Record<string, number> }> {
  const call = await deps.store.get(callId);
  if (!call) throw new NotFoundError('No funding call has this id.');
  return { call, remindersSent: await deps.store.sentPerOffset(call) };
}
