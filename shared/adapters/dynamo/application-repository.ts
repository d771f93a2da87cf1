import type { EntityItem } from 'electrodb';
import { rejectedApplicationRetentionDays, type Application, type ApplicationStatus, type ApplicationSummary } from '../../domain/applications/application.js';
import { IdempotencyKeyTaken, OrganisationTaken, StaleApplication } from '../../domain/applications/errors.js';
import type { ApplicationStore } from '../../domain/applications/ports.js';
import { auditWrite } from './audit-log.js';
import { epochSeconds, tolerant } from './entities/common.js';
import { newMemberWrites } from './member-repository.js';
import { newOutboxItem, outboxPut } from './outbox-repository.js';
import { cursorFor } from './pagination.js';
import { glokal } from './service.js';
import { ConditionsFailed, isConditionFailure, writeTogether, type NamedWrites, type TransactionEntities } from './transaction.js';

const { application: applications, verification, idempotencyRecord } = glokal.entities;

const idempotencyScope = 'applications';
const idempotencyDays = 1;
/** A used or expired verification link keeps answering with its own page for a while before TTL removes it. */
const verificationRecordDays = 30;

/** The time an application entered its current status, which orders its status list. */
function statusTime(application: Application): string {
  if (application.status === 'SUBMITTED') return application.submittedAt!;
  if (application.status === 'APPROVED' || application.status === 'REJECTED') return application.decidedAt!;
  return application.createdAt;
}

/** The stored application as the domain sees it: without its list order and TTL. */
function toApplication(item: EntityItem<typeof applications>): Application {
  const { statusAt: _statusAt, expiresAt: _expiresAt, ...application } = item;
  return application;
}

/**
 * Moves the application to its submitted or decided state, only from the
 * state the caller read (and, when asked, only while it has not expired).
 * ElectroDB moves it to its new status list with it.
 */
function transition(tx: TransactionEntities, from: ApplicationStatus, to: Application, options: { unexpiredAt?: Date } = {}) {
  const changes = {
    status: to.status,
    statusAt: statusTime(to),
    ...(to.submittedAt !== undefined ? { submittedAt: to.submittedAt } : {}),
    ...(to.decidedAt !== undefined ? { decidedAt: to.decidedAt } : {}),
    ...(to.decidedBy !== undefined ? { decidedBy: to.decidedBy } : {}),
    ...(to.memberId !== undefined ? { memberId: to.memberId } : {}),
    ...(to.rejectionReason !== undefined ? { rejectionReason: to.rejectionReason } : {}),
    // A rejected application is deleted by TTL after the retention period the form states.
    ...(to.status === 'REJECTED' ? { expiresAt: epochSeconds(new Date(to.decidedAt!)) + rejectedApplicationRetentionDays * 86_400 } : {}),
  };
  const update = tx.application.update({ applicationId: to.applicationId }).set(changes);
  // A submitted application no longer expires.
  return (to.status === 'SUBMITTED' ? update.remove(['expiresAt']) : update)
    .where((attribute, { eq, gt }) =>
      options.unexpiredAt ? `${eq(attribute.status, from)} AND ${gt(attribute.expiresAt, epochSeconds(options.unexpiredAt))}` : eq(attribute.status, from),
    )
    .commit();
}

/** A change of a decided or submitted application: any refused condition means another request changed it first. */
async function guarded(writes: (tx: TransactionEntities) => NamedWrites): Promise<void> {
  try {
    await writeTogether(writes);
  } catch (error) {
    if (error instanceof ConditionsFailed) throw new StaleApplication();
    throw error;
  }
}

const summary = (application: Application): ApplicationSummary => ({
  applicationId: application.applicationId,
  status: application.status,
  organisationName: application.organisation.name,
  organisationType: application.organisation.type,
  country: application.organisation.country,
  createdAt: application.createdAt,
  ...(application.submittedAt ? { submittedAt: application.submittedAt } : {}),
});

export const applicationRepository: ApplicationStore = {
  async idempotentAnswer(key) {
    const { data } = await idempotencyRecord.get({ scope: idempotencyScope, key }).go({ consistent: true });
    return data ? { key: data.key, requestHash: data.requestHash, answer: data.answer } : undefined;
  },

  async create({ application, expiresAt, verificationTokenHash, message, idempotency, now }) {
    const expires = epochSeconds(expiresAt);
    try {
      await writeTogether((tx) => ({
        application: tx.application.create({ ...application, statusAt: statusTime(application), expiresAt: expires }).commit(),
        // Taken unless free, or held by an unverified application that has expired (TTL deletes lazily).
        // Every lock has an owner, so "no owner" is "no lock".
        organisationLock: tx.organisationLock
          .put({ organisationIdentity: application.organisationIdentity, owner: application.applicationId, ownerKind: 'application', expiresAt: expires })
          .where((attribute, { notExists, lt }) => `${notExists(attribute.owner)} OR ${lt(attribute.expiresAt, epochSeconds(now))}`)
          .commit(),
        verification: tx.verification
          .put({
            tokenHash: verificationTokenHash,
            applicationId: application.applicationId,
            language: application.language,
            expiresAtIso: expiresAt.toISOString(),
            expiresAt: expires + verificationRecordDays * 86_400,
          })
          .commit(),
        verificationEmail: outboxPut(tx, message, now),
        idempotencyRecord:
          idempotency &&
          tx.idempotencyRecord.create({ scope: idempotencyScope, ...idempotency, expiresAt: epochSeconds(now) + idempotencyDays * 86_400 }).commit(),
      }));
    } catch (error) {
      if (error instanceof ConditionsFailed) {
        if (error.rejected('idempotencyRecord')) throw new IdempotencyKeyTaken();
        if (error.rejected('organisationLock')) throw new OrganisationTaken();
      }
      throw error;
    }
  },

  async get(applicationId) {
    const { data } = await applications.get({ applicationId }).go({ consistent: true });
    return data ? toApplication(data) : undefined;
  },

  async verification(tokenHash) {
    const { data } = await verification.get({ tokenHash }).go({ consistent: true });
    if (!data) return undefined;
    return { applicationId: data.applicationId, language: data.language, expiresAt: data.expiresAtIso, ...(data.usedAt ? { usedAt: data.usedAt } : {}) };
  },

  async markSubmitted(application, tokenHash, now, messages) {
    await guarded((tx) => ({
      application: transition(tx, 'PENDING_VERIFICATION', application, { unexpiredAt: now }),
      organisationLock: tx.organisationLock
        .update({ organisationIdentity: application.organisationIdentity })
        .remove(['expiresAt'])
        .where((attribute, { eq }) => eq(attribute.owner, application.applicationId))
        .commit(),
      verification: tx.verification
        .update({ tokenHash })
        .set({ usedAt: now.toISOString() })
        .where((attribute, { notExists }) => notExists(attribute.usedAt))
        .commit(),
      adminNotices: messages.map((message) => outboxPut(tx, message, now)),
    }));
  },

  async approve(application, decided, member, contact, message, audit, colleagueLink) {
    const now = new Date(decided.decidedAt!);
    await guarded((tx) => ({
      application: transition(tx, application.status, decided),
      ...newMemberWrites(tx, member, contact, colleagueLink),
      organisationLock: tx.organisationLock
        .update({ organisationIdentity: application.organisationIdentity })
        .set({ owner: member.memberId, ownerKind: 'member' })
        .remove(['expiresAt'])
        .where((attribute, { eq }) => eq(attribute.owner, application.applicationId))
        .commit(),
      welcomeEmail: outboxPut(tx, message, now),
      auditEntry: auditWrite(tx, audit),
    }));
  },

  async reject(application, decided, message, audit) {
    const now = new Date(decided.decidedAt!);
    await guarded((tx) => ({
      application: transition(tx, application.status, decided),
      // The organisation may apply again.
      organisationLock: tx.organisationLock
        .delete({ organisationIdentity: application.organisationIdentity })
        .where((attribute, { eq }) => eq(attribute.owner, application.applicationId))
        .commit(),
      decisionEmail: outboxPut(tx, message, now),
      auditEntry: auditWrite(tx, audit),
    }));
  },

  /** Access patterns `byStatus` (one status) and `all`; newest first; expired ones hidden. */
  async list({ status, limit, cursor, now }) {
    const query = status !== undefined ? applications.query.byStatus({ status }) : applications.query.all({});
    const page = await query
      .where((attribute, { notExists, gt }) => `${notExists(attribute.expiresAt)} OR ${gt(attribute.expiresAt, epochSeconds(now))}`)
      .go({ ...tolerant, order: 'desc', limit, cursor: cursorFor(cursor, query) });
    return { items: page.data.map((item) => summary(toApplication(item))), ...(page.cursor ? { nextCursor: page.cursor } : {}) };
  },

  /** Access pattern `byStatus` before an instant: the oldest waiting applications, for the escalation digest. */
  async submittedBefore(instant) {
    const { data } = await applications.query
      .byStatus({ status: 'SUBMITTED' })
      .lt({ statusAt: instant.toISOString() })
      .go({ ...tolerant, pages: 'all' });
    return data.map(toApplication);
  },

  async queueOnce(messages, now) {
    let queued = 0;
    for (const message of messages) {
      try {
        await glokal.entities.outboxMessage.create(newOutboxItem(message, now)).go();
        queued += 1;
      } catch (error) {
        // Already queued (its id is deterministic).
        if (!isConditionFailure(error)) throw error;
      }
    }
    return queued;
  },
};
