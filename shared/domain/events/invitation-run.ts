import type { Actor } from '../actor.js';
import type { AuditEntry } from '../audit/audit-entry.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { audiencePage, memberRecipients, type AudienceDependencies, type MemberAudience } from '../members/audience.js';
import type { RecipientStates } from '../mail/ports.js';
import type { ClusterEvent } from './event.js';
import { RunMoved } from './errors.js';
import { eventAuditEntry } from './event-audit.js';
import type { InvitationRun, Invitee } from './invitation.js';
import { invitationChunks, invitationChunkSize, type RsvpDependencies } from './rsvp.js';

export interface InvitationRunStore {
  /** The run and the audit entry of the administrator who started it, together. */
  create(run: InvitationRun, audit: AuditEntry): Promise<void>;
  get(eventId: string, runId: string): Promise<InvitationRun | undefined>;
  /** The event's runs, newest first. */
  listForEvent(eventId: string): Promise<InvitationRun[]>;
}

export interface RunDependencies extends RsvpDependencies, AudienceDependencies {
  runs: InvitationRunStore;
  recipients: RecipientStates;
}

/** Members per step: their contacts (a few each) make one or two transactions. */
const membersPerStep = 8;

const audienceOf = (event: ClusterEvent): MemberAudience =>
  event.audience.scope === 'all' ? {} : { types: event.audience.memberTypes, interests: event.audience.interests };

/**
 * `POST /admin/events/{id}/invitations`: starts a run (the consumer does the
 * work, so this answers at once). Refused for a cancelled event or one that
 * has started. A later run invites only those not invited yet.
 */
export async function startInvitationRun(eventId: string, actor: Actor, deps: Pick<RunDependencies, 'clock' | 'ids' | 'store' | 'runs'>): Promise<InvitationRun> {
  const event = await deps.store.get(eventId);
  if (!event) throw new NotFoundError('No event has this id.');
  if (event.status === 'CANCELLED') throw new ConflictError('The event is cancelled.', 'EVENT_CANCELLED');
  const now = deps.clock.now();
  if (new Date(event.startsAt).getTime() <= now.getTime()) throw new ConflictError('The event has already started.', 'EVENT_PAST');
  const run: InvitationRun = {
    eventId,
    runId: deps.ids.newId(),
    status: 'RUNNING',
    phase: 'extras',
    extrasOffset: 0,
    step: 0,
    invited: 0,
    alreadyInvited: 0,
    skipped: 0,
    startedAt: now.toISOString(),
    startedBy: actor.subject,
    updatedAt: now.toISOString(),
  };
  const audit = eventAuditEntry({ id: deps.ids.newId(), at: now, actor, action: 'event.invitations.start', eventId, before: null, after: { runId: run.runId, status: run.status } });
  await deps.runs.create(run, audit);
  return run;
}

/** Who this step covers, and where the next one starts. */
async function stepInvitees(run: InvitationRun, event: ClusterEvent, deps: RunDependencies): Promise<{ invitees: Invitee[]; next: Pick<InvitationRun, 'phase' | 'extrasOffset' | 'memberCursor' | 'status'> }> {
  if (run.phase === 'extras') {
    const end = run.extrasOffset + invitationChunkSize;
    const invitees = event.extraInvitees.slice(run.extrasOffset, end).map(({ inviteeId, email, name, language }) => ({ inviteeId, email, name, language }));
    return { invitees, next: end < event.extraInvitees.length ? { phase: 'extras', extrasOffset: end, status: 'RUNNING' } : { phase: 'members', extrasOffset: end, status: 'RUNNING' } };
  }
  const page = await audiencePage(audienceOf(event), { limit: membersPerStep, ...(run.memberCursor ? { cursor: run.memberCursor } : {}) }, deps);
  const recipients = (await Promise.all(page.members.map((member) => memberRecipients(member.memberId, 'events', deps)))).flat();
  const invitees = recipients.map(({ contactId, memberId, email, name, language }) => ({ inviteeId: contactId, memberId, email, name, language }));
  return { invitees, next: page.cursor ? { phase: 'members', extrasOffset: run.extrasOffset, memberCursor: page.cursor, status: 'RUNNING' } : { phase: 'members', extrasOffset: run.extrasOffset, status: 'DONE' } };
}

/**
 * One step of a run (the consumer's unit of work): invites one page, then
 * advances the run in the transaction of the page's last invitations. A step
 * that another consumer already took ends quietly (RunMoved); one that
 * crashed is taken again, and what it wrote is found already invited.
 */
export async function runInvitationStep(eventId: string, runId: string, deps: RunDependencies): Promise<InvitationRun | undefined> {
  const run = await deps.runs.get(eventId, runId);
  if (!run || run.status !== 'RUNNING') return run;
  const event = await deps.store.get(eventId);
  const now = deps.clock.now();
  const stopped = !event || event.status === 'CANCELLED';
  const { invitees, next } = stopped ? { invitees: [], next: { phase: run.phase, extrasOffset: run.extrasOffset, status: 'STOPPED' as const } } : await stepInvitees(run, event, deps);

  const states = await deps.recipients.states(invitees.map((invitee) => invitee.email));
  const reachable = invitees.filter(({ email }) => {
    const state = states.get(email)!;
    return !state.suppressed && !state.unsubscribed.includes('events');
  });
  const chunks = event ? invitationChunks(event, reachable, deps) : [];
  const totals = { invited: 0, alreadyInvited: 0 };
  const advanced = (last: { invited: number; alreadyInvited: number }): InvitationRun => {
    const { memberCursor: _cursor, ...rest } = run;
    return {
      ...rest,
      ...next,
      step: run.step + 1,
      invited: run.invited + totals.invited + last.invited,
      alreadyInvited: run.alreadyInvited + totals.alreadyInvited + last.alreadyInvited,
      skipped: run.skipped + (invitees.length - reachable.length),
      updatedAt: now.toISOString(),
      ...(next.status !== 'RUNNING' ? { finishedAt: now.toISOString() } : {}),
    };
  };
  try {
    for (const chunk of chunks.slice(0, -1)) {
      const result = await deps.invitations.invite(chunk);
      totals.invited += result.invited;
      totals.alreadyInvited += result.alreadyInvited;
    }
    // The last invitations and the run's advance go in one transaction.
    const last = await deps.invitations.invite(chunks.at(-1) ?? [], { from: run, to: advanced });
    return advanced(last);
  } catch (error) {
    if (error instanceof RunMoved) return deps.runs.get(eventId, runId);
    throw error;
  }
}
