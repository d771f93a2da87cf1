import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { Actor } from '../actor.js';
import { warsawDate } from '../calendar/warsaw-time.js';
import { ValidationError } from '../errors.js';
import { callAuditEntry } from './call-audit.js';
import { audienceErrors, parseDeadline } from './call-rules.js';
import { defaultReminderOffsets, normalisedOffsets, type FundingCall, type FundingCallInput } from './funding-call.js';
import type { CallStore } from './ports.js';
import { scheduledReminders } from './reminder-schedule.js';

export interface CallDependencies {
  clock: Clock;
  ids: IdGenerator;
  store: CallStore;
}

/**
 * The call an input describes, or every failing field (prefixed by `path`, so
 * an import names the row): the deadline in Warsaw time and in the future, an
 * audience that narrows or is everyone. Shapes are the contract's business.
 */
export function buildCall(input: FundingCallInput, at: { callId: string; now: Date }, path = ''): FundingCall {
  const { deadlineAt, errors } = parseDeadline(input.deadline, at.now, `${path}deadline`);
  errors.push(...audienceErrors(input.audience, `${path}audience`));
  if (errors.length > 0 || !deadlineAt) throw new ValidationError(errors);
  const now = at.now.toISOString();
  return {
    callId: at.callId,
    programme: input.programme,
    callIdentifier: input.callIdentifier,
    title: input.title,
    url: input.url,
    deadlineAt,
    audience: input.audience,
    offsets: normalisedOffsets(input.offsets ?? defaultReminderOffsets),
    scheduledFrom: warsawDate(at.now),
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/** A new funding call, its due reminders and its audit entry, together. */
export async function createCall(input: FundingCallInput, actor: Actor, deps: CallDependencies): Promise<FundingCall> {
  const now = deps.clock.now();
  const call = buildCall(input, { callId: deps.ids.newId(), now });
  await deps.store.create(
    call,
    scheduledReminders(call),
    callAuditEntry({ id: deps.ids.newId(), at: now, actor, action: 'grant.create', target: `grant/${call.callId}`, before: null, after: call }),
  );
  return call;
}
