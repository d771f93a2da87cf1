import type { Actor } from '../actor.js';
import { callAuditEntry } from './call-audit.js';
import type { CallDependencies } from './create-call.js';
import { StaleCall } from './errors.js';
import { currentCall, staleCall } from './update-call.js';

/** Deletes a call and its due reminders (no more reminders go out for it), audited with what it was. */
export async function deleteCall(callId: string, version: number | undefined, actor: Actor, deps: CallDependencies): Promise<void> {
  const call = await currentCall(callId, version, deps);
  const now = deps.clock.now();
  const audit = callAuditEntry({ id: deps.ids.newId(), at: now, actor, action: 'grant.delete', target: `grant/${callId}`, before: call, after: null });
  try {
    await deps.store.delete(call, audit);
  } catch (error) {
    if (error instanceof StaleCall) throw staleCall();
    throw error;
  }
}
