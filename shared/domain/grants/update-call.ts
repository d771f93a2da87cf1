import type { Actor } from '../actor.js';
import { warsawDate } from '../calendar/warsaw-time.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { callAuditEntry } from './call-audit.js';
import { audienceErrors, parseDeadline } from './call-rules.js';
import type { CallDependencies } from './create-call.js';
import { StaleCall } from './errors.js';
import { normalisedOffsets, type FundingCall, type FundingCallChanges } from './funding-call.js';
import { scheduledReminders } from './reminder-schedule.js';

export const staleCall = (fields?: Array<{ path: string; message: string }>) =>
  new ConflictError('Another administrator changed this funding call a moment ago. Read it again and repeat your change.', 'STALE_GRANT', fields);

/** The call as read, if it exists and the caller's `version` (when given) is still current. */
export async function currentCall(callId: string, version: number | undefined, deps: Pick<CallDependencies, 'store'>): Promise<FundingCall> {
  const call = await deps.store.get(callId);
  if (!call) throw new NotFoundError('No funding call has this id.');
  if (version !== undefined && version !== call.version) {
    throw staleCall([{ path: 'version', message: `The call is at version ${call.version} now; read it again.` }]);
  }
  return call;
}

const changeable = ['programme', 'callIdentifier', 'title', 'url', 'deadlineAt', 'audience', 'offsets'] as const;

/**
 * Changes the given fields, from the version read. A new deadline or new
 * offsets reschedule the reminders: the due index is rewritten from today,
 * and reminders already sent stay sent (the run's markers are per offset).
 */
export async function updateCall(callId: string, changes: FundingCallChanges, actor: Actor, deps: CallDependencies): Promise<FundingCall> {
  const call = await currentCall(callId, changes.version, deps);
  const now = deps.clock.now();
  const { version: _version, deadline, offsets, ...fields } = changes;
  const parsed = deadline !== undefined ? parseDeadline(deadline, now) : { errors: [] };
  const errors = [...parsed.errors, ...(fields.audience ? audienceErrors(fields.audience) : [])];
  if (errors.length > 0) throw new ValidationError(errors);
  const draft: FundingCall = {
    ...call,
    ...fields,
    ...(parsed.deadlineAt ? { deadlineAt: parsed.deadlineAt } : {}),
    ...(offsets ? { offsets: normalisedOffsets(offsets) } : {}),
  };
  const changed = changeable.filter((field) => JSON.stringify(call[field]) !== JSON.stringify(draft[field]));
  if (changed.length === 0) return call;
  const rescheduled = changed.includes('deadlineAt') || changed.includes('offsets');
  const next: FundingCall = { ...draft, ...(rescheduled ? { scheduledFrom: warsawDate(now) } : {}), version: call.version + 1, updatedAt: now.toISOString() };
  const pick = (from: FundingCall) => Object.fromEntries([...changed, 'version'].map((field) => [field, from[field as keyof FundingCall]]));
  const audit = callAuditEntry({ id: deps.ids.newId(), at: now, actor, action: 'grant.update', target: `grant/${callId}`, before: pick(call), after: pick(next) });
  try {
    await deps.store.update(call, next, rescheduled ? scheduledReminders(next) : undefined, audit);
  } catch (error) {
    if (error instanceof StaleCall) throw staleCall();
    throw error;
  }
  return next;
}
