import type { EntityItem } from 'electrodb';
import { InvitationChanged, RunMoved } from '../../domain/events/errors.js';
import type { InvitationRun } from '../../domain/events/invitation.js';
import type { InvitationRunStore } from '../../domain/events/invitation-run.js';
import type { Invitation } from '../../domain/events/invitation.js';
import type { AcceptOutcome, InvitationStore } from '../../domain/events/ports.js';
import { auditWrite } from './audit-log.js';
import { tolerant } from './entities/common.js';
import { outboxPut } from './outbox-repository.js';
import { glokal } from './service.js';
import { ConditionsFailed, TransactionCancelled, writeTogether, type TransactionEntities } from './transaction.js';

const { invitation: invitations, invitationRun: runs, rsvpLink, seatCount } = glokal.entities;

/** The run's move to its next step, only from the step read (its cursor cannot move twice). */
function runAdvance(tx: TransactionEntities, from: InvitationRun, to: InvitationRun) {
  const { eventId, runId, memberCursor, ...changes } = to;
  const update = tx.invitationRun.patch({ eventId, runId }).set(memberCursor !== undefined ? { ...changes, memberCursor } : changes);
  return (memberCursor === undefined && from.memberCursor !== undefined ? update.remove(['memberCursor']) : update)
    .where((attribute, { eq }) => `${eq(attribute.step, from.step)} AND ${eq(attribute.status, 'RUNNING')}`)
    .commit();
}

const toRun = (item: EntityItem<typeof runs>): InvitationRun => item as InvitationRun;

export const invitationRunRepository: InvitationRunStore = {
  async create(run, audit) {
    await writeTogether((tx) => ({ run: tx.invitationRun.create(run).commit(), audit: auditWrite(tx, audit) }));
  },
  async get(eventId, runId) {
    const { data } = await runs.get({ eventId, runId }).go({ consistent: true });
    return data ? toRun(data) : undefined;
  },
  async listForEvent(eventId) {
    const { data } = await runs.query.byId({ eventId }).go({ consistent: true, pages: 'all' });
    return data.map(toRun).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  },
};

/*
 * Contention. When an invitation lands, many people accept within seconds,
 * and every accept must take a seat from one count. The seats are counted in
 * items of the event's partition (`SEATS#ALL`, and `SEATS#MEMBER#<id>` per
 * organisation); an accept is ONE transaction: +1 on each count under the
 * condition `taken < limit`, the invitation's answer from the version read,
 * and the confirmation email. Correctness comes from the conditions alone —
 * DynamoDB serialises the transactions touching the counter, so the counts
 * never pass capacity or a seat limit and nothing is double-booked.
 *
 * Throughput: transactions on one item that overlap are cancelled with
 * TransactionConflict rather than queued. writeTogether retries those
 * briefly; here a cancelled answer is retried again with capped exponential
 * backoff and full jitter (AWS Architecture Blog, "Exponential Backoff and
 * Jitter"), up to ~30 s of tries, so a burst of hundreds of accepts spreads
 * out and each ends as a seat or a waitlist place — never a 5xx. A full
 * count makes the accept's condition fail at once (no retry): the invitee
 * joins the back of the waitlist, ordered by when that accept was recorded;
 * once the count reads full, accepts skip the counter's transaction
 * altogether, so the hot item only sees contention while seats remain.
 * Sharding the counter was the alternative; it cannot enforce an exact
 * capacity without reading every shard in the transaction, which brings the
 * hot spot back, and one seated event takes at most a few hundred accepts.
 */
const maxAttempts = 40;
const backoffBaseMs = 15;
const backoffCapMs = 1_000;

async function withContentionRetries<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof TransactionCancelled) || attempt >= maxAttempts) throw error;
      const ceiling = Math.min(backoffCapMs, backoffBaseMs * 2 ** Math.min(attempt, 10));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
}

const allSeats = 'ALL';
const memberSeats = (memberId: string) => `MEMBER#${memberId}`;

/** A stored invitation as the domain has it: `waitlistedAt` only while WAITLISTED (the item keeps the last answer's time). */
export function toInvitation(item: EntityItem<typeof invitations>): Invitation {
  const { waitlistedAt, ...rest } = item;
  return { ...rest, ...(rest.answer === 'WAITLISTED' ? { waitlistedAt } : {}) } as Invitation;
}

/** +1 seat under the limit (a count not written yet is zero). */
function takeSeat(tx: TransactionEntities, eventId: string, scope: string, limit: number | undefined) {
  const update = tx.seatCount.update({ eventId, scope }).add({ taken: 1 });
  return (limit === undefined ? update : update.where((attribute, { notExists, lt }) => `${notExists(attribute.taken)} OR ${lt(attribute.taken, limit)}`)).commit();
}

const freeSeat = (tx: TransactionEntities, eventId: string, scope: string) => tx.seatCount.update({ eventId, scope }).subtract({ taken: 1 }).commit();

/** The invitation's new answer, only from the version read. */
function answerWrite(tx: TransactionEntities, invitation: Invitation, changes: { answer: Invitation['answer']; at: string }, also?: { expectWaitlisted: boolean }) {
  return tx.invitation
    .patch({ eventId: invitation.eventId, inviteeId: invitation.inviteeId })
    .set({ answer: changes.answer, answeredAt: changes.at, waitlistedAt: changes.at, version: invitation.version + 1 })
    .where((attribute, { eq }) => (also?.expectWaitlisted ? `${eq(attribute.version, invitation.version)} AND ${eq(attribute.answer, 'WAITLISTED')}` : eq(attribute.version, invitation.version)))
    .commit();
}

async function seatsTaken(eventId: string, scope: string): Promise<number> {
  const { data } = await seatCount.get({ eventId, scope }).go({ consistent: true });
  return data?.taken ?? 0;
}

async function rankOf(eventId: string, waitlistedAt: string, inviteeId: string): Promise<number> {
  const { data } = await invitations.query.waitlist({ eventId }).lt({ waitlistedAt, inviteeId }).go({ ...tolerant, pages: 'all', attributes: ['inviteeId'] });
  return data.length + 1;
}

export const invitationRepository: InvitationStore = {
  async invite(chunk, advance) {
    for (;;) {
      const eventId = chunk[0]?.invitation.eventId;
      const { data: existing } = eventId
        ? await invitations.get(chunk.map(({ invitation }) => ({ eventId, inviteeId: invitation.inviteeId }))).go({ consistent: true })
        : { data: [] };
      const invited = new Set(existing.map((item) => item.inviteeId));
      const fresh = chunk.filter(({ invitation }) => !invited.has(invitation.inviteeId));
      const counts = { invited: fresh.length, alreadyInvited: chunk.length - fresh.length };
      if (fresh.length === 0 && !advance) return counts;
      try {
        await withContentionRetries(() =>
          writeTogether((tx) => ({
            invitations: fresh.map(({ invitation }) => tx.invitation.create({ ...invitation, waitlistedAt: invitation.invitedAt }).commit()),
            links: fresh.map(({ invitation, tokenHash }) => tx.rsvpLink.create({ tokenHash, eventId: invitation.eventId, inviteeId: invitation.inviteeId, createdAt: invitation.invitedAt }).commit()),
            // Deterministic message ids: an overlapping chunk's emails meet these creates' conditions.
            emails: fresh.map(({ message, invitation }) => outboxPut(tx, message, new Date(invitation.invitedAt))),
            run: advance ? runAdvance(tx, advance.from, advance.to(counts)) : undefined,
          })),
        );
        return counts;
      } catch (error) {
        if (error instanceof ConditionsFailed && error.rejected('run')) throw new RunMoved();
        // Another run invited some of these a moment ago: read again and write only the rest.
        if (error instanceof ConditionsFailed) continue;
        throw error;
      }
    }
  },

  async findByTokenHash(tokenHash) {
    const { data: link } = await rsvpLink.get({ tokenHash }).go();
    if (!link) return undefined;
    const { data } = await invitations.get({ eventId: link.eventId, inviteeId: link.inviteeId }).go({ consistent: true });
    return data ? toInvitation(data) : undefined;
  },

  waitlistPosition: (invitation) => rankOf(invitation.eventId, invitation.waitlistedAt ?? '', invitation.inviteeId),

  accept: (invitation, limits, at, confirmation) =>
    withContentionRetries(async (): Promise<AcceptOutcome> => {
      const atIso = at.toISOString();
      const { eventId, memberId } = invitation;
      // Once the event is full, accepts go straight to the waitlist instead of queueing on the count's item.
      const full = (await seatsTaken(eventId, allSeats)) >= limits.capacity;
      if (!full) {
        try {
          await writeTogether((tx) => ({
            seats: takeSeat(tx, eventId, allSeats, limits.capacity),
            // Extra invitees belong to no organisation and count against none.
            memberSeats: memberId !== undefined ? takeSeat(tx, eventId, memberSeats(memberId), limits.seatLimitPerMember) : undefined,
            invitation: answerWrite(tx, invitation, { answer: 'ACCEPTED', at: atIso }),
            confirmation: outboxPut(tx, confirmation({ answer: 'ACCEPTED' }), at),
          }));
          return { answer: 'ACCEPTED' };
        } catch (error) {
          if (!(error instanceof ConditionsFailed)) throw error;
          if (error.rejected('invitation')) throw new InvitationChanged();
        }
      }
      // Full, for the event or the organisation: the back of the waitlist. The email tells the rank at this moment.
      const position = await rankOf(eventId, atIso, invitation.inviteeId);
      try {
        await writeTogether((tx) => ({
          invitation: answerWrite(tx, invitation, { answer: 'WAITLISTED', at: atIso }),
          confirmation: outboxPut(tx, confirmation({ answer: 'WAITLISTED', position }), at),
        }));
      } catch (error) {
        if (error instanceof ConditionsFailed) throw new InvitationChanged();
        throw error;
      }
      return { answer: 'WAITLISTED', position };
    }),

  decline: (invitation, limits, at, confirmation, promotion) =>
    withContentionRetries(async () => {
      const atIso = at.toISOString();
      const { eventId } = invitation;
      const declineOnly = async (frees: boolean) => {
        try {
          await writeTogether((tx) => ({
            invitation: answerWrite(tx, invitation, { answer: 'DECLINED', at: atIso }),
            seats: frees ? freeSeat(tx, eventId, allSeats) : undefined,
            memberSeats: frees && invitation.memberId !== undefined ? freeSeat(tx, eventId, memberSeats(invitation.memberId)) : undefined,
            confirmation: outboxPut(tx, confirmation, at),
          }));
        } catch (error) {
          if (error instanceof ConditionsFailed) throw new InvitationChanged();
          throw error;
        }
        return {};
      };
      if (invitation.answer !== 'ACCEPTED') return declineOnly(false);

      // The first on the waitlist whose organisation has room once this seat is free.
      let candidate: Invitation | undefined;
      let cursor: string | null = null;
      do {
        const page: { data: Array<EntityItem<typeof invitations>>; cursor: string | null } = await invitations.query.waitlist({ eventId }).go({ ...tolerant, limit: 25, ...(cursor ? { cursor } : {}) });
        for (const item of page.data) {
          const waiting = toInvitation(item);
          const fits =
            limits.seatLimitPerMember === undefined ||
            waiting.memberId === undefined ||
            waiting.memberId === invitation.memberId ||
            (await seatsTaken(eventId, memberSeats(waiting.memberId))) < limits.seatLimitPerMember;
          if (fits) {
            candidate = waiting;
            break;
          }
        }
        cursor = page.cursor;
      } while (!candidate && cursor);
      if (!candidate) return declineOnly(true);

      const promoted = candidate;
      const sameOrganisation = promoted.memberId === invitation.memberId;
      try {
        // The seat passes from the decliner to the promoted invitee: the event's count does not move.
        await writeTogether((tx) => ({
          invitation: answerWrite(tx, invitation, { answer: 'DECLINED', at: atIso }),
          promoted: answerWrite(tx, promoted, { answer: 'ACCEPTED', at: atIso }, { expectWaitlisted: true }),
          freedMemberSeat: !sameOrganisation && invitation.memberId !== undefined ? freeSeat(tx, eventId, memberSeats(invitation.memberId)) : undefined,
          promotedMemberSeat: !sameOrganisation && promoted.memberId !== undefined ? takeSeat(tx, eventId, memberSeats(promoted.memberId), limits.seatLimitPerMember) : undefined,
          link: tx.rsvpLink.create({ tokenHash: promotion.tokenHash, eventId, inviteeId: promoted.inviteeId, createdAt: atIso }).commit(),
          confirmation: outboxPut(tx, confirmation, at),
          promotion: outboxPut(tx, promotion.message(promoted), at),
        }));
      } catch (error) {
        if (!(error instanceof ConditionsFailed)) throw error;
        if (error.rejected('invitation')) throw new InvitationChanged();
        // The one chosen answered meanwhile, or their organisation filled up: choose again.
        throw new TransactionCancelled([{ name: error.names.join(','), code: 'ConditionalCheckFailed' }]);
      }
      return { promoted };
    }),
};
