import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../../config.js';
import type { Application, ApplicationStatus, ApplicationSummary } from '../../domain/applications/application.js';
import { IdempotencyKeyTaken, OrganisationTaken, StaleApplication } from '../../domain/applications/errors.js';
import type { ApplicationStore, IdempotencyRecord, Verification } from '../../domain/applications/ports.js';
import { documentClient } from './client.js';
import { auditPut } from './audit-log.js';
import { epochSeconds, fromItem } from './items.js';
import { entities, keys } from './keys.js';
import { newMemberPuts } from './member-repository.js';
import { outboxPut } from './outbox-repository.js';
import { decodeCursor, encodeCursor } from './pagination.js';
import { ConditionsFailed, writeTogether, type TransactItem } from './transaction.js';

const TableName = config.TABLE_NAME;
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

function statusIndex(application: Application) {
  return { gsi1pk: keys.applicationsByStatus(application.status), gsi1sk: keys.applicationListSort(statusTime(application), application.applicationId) };
}

/** Moves the application to its decided or submitted state, only from the state the caller read. */
function transition(from: ApplicationStatus, to: Application, extra?: { condition: string; values: Record<string, unknown> }): TransactItem {
  const changes: Record<string, unknown> = { status: to.status, ...statusIndex(to) };
  for (const field of ['submittedAt', 'decidedAt', 'decidedBy', 'memberId', 'rejectionReason'] as const) {
    if (to[field] !== undefined) changes[field] = to[field];
  }
  const names = Object.fromEntries(Object.keys(changes).map((name) => [`#${name}`, name]));
  const values = Object.fromEntries(Object.entries(changes).map(([name, value]) => [`:${name}`, value]));
  return {
    Update: {
      TableName,
      Key: keys.application(to.applicationId),
      UpdateExpression: `SET ${Object.keys(changes).map((name) => `#${name} = :${name}`).join(', ')}${to.status === 'SUBMITTED' ? ' REMOVE expiresAt' : ''}`,
      ConditionExpression: `#status = :from${extra ? ` AND ${extra.condition}` : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...values, ':from': from, ...extra?.values },
    },
  };
}

async function guarded(items: TransactItem[]): Promise<void> {
  try {
    await writeTogether(items);
  } catch (error) {
    if (error instanceof ConditionsFailed) throw new StaleApplication();
    throw error;
  }
}

function summary(item: Record<string, unknown>): ApplicationSummary {
  const application = fromItem<Application>(item);
  return {
    applicationId: application.applicationId,
    status: application.status,
    organisationName: application.organisation.name,
    organisationType: application.organisation.type,
    country: application.organisation.country,
    createdAt: application.createdAt,
    ...(application.submittedAt ? { submittedAt: application.submittedAt } : {}),
  };
}

export const applicationRepository: ApplicationStore = {
  async idempotentAnswer(key) {
    const result = await documentClient.send(new GetCommand({ TableName, Key: keys.idempotency(idempotencyScope, key), ConsistentRead: true }));
    return result.Item ? fromItem<IdempotencyRecord>(result.Item) : undefined;
  },

  async create({ application, expiresAt, verificationTokenHash, message, idempotency, now }) {
    const expires = epochSeconds(expiresAt);
    const items: TransactItem[] = [
      {
        Put: {
          TableName,
          Item: { ...keys.application(application.applicationId), entity: entities.application, ...application, ...statusIndex(application), gsi2pk: keys.allApplications, gsi2sk: keys.applicationListSort(application.createdAt, application.applicationId), expiresAt: expires },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        // Taken unless free, or held by an unverified application that has expired (TTL deletes lazily).
        Put: {
          TableName,
          Item: { ...keys.organisationLock(application.organisationIdentity), entity: entities.organisationLock, owner: application.applicationId, ownerKind: 'application', expiresAt: expires },
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': epochSeconds(now) },
        },
      },
      {
        Put: {
          TableName,
          Item: {
            ...keys.verification(verificationTokenHash),
            entity: entities.verification,
            applicationId: application.applicationId,
            language: application.language,
            expiresAtIso: expiresAt.toISOString(),
            expiresAt: expires + verificationRecordDays * 86_400,
          },
        },
      },
      outboxPut(message, now),
    ];
    if (idempotency) {
      items.push({
        Put: {
          TableName,
          Item: { ...keys.idempotency(idempotencyScope, idempotency.key), entity: entities.idempotency, ...idempotency, expiresAt: epochSeconds(now) + idempotencyDays * 86_400 },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    try {
      await writeTogether(items);
    } catch (error) {
      if (error instanceof ConditionsFailed) {
        if (error.failedIndexes.includes(4)) throw new IdempotencyKeyTaken();
        if (error.failedIndexes.includes(1)) throw new OrganisationTaken();
      }
      throw error;
    }
  },

  async get(applicationId) {
    const result = await documentClient.send(new GetCommand({ TableName, Key: keys.application(applicationId), ConsistentRead: true }));
    return result.Item ? fromItem<Application>(result.Item) : undefined;
  },

  async verification(tokenHash) {
    const result = await documentClient.send(new GetCommand({ TableName, Key: keys.verification(tokenHash), ConsistentRead: true }));
    if (!result.Item) return undefined;
    return { applicationId: result.Item.applicationId, language: result.Item.language, expiresAt: result.Item.expiresAtIso, usedAt: result.Item.usedAt } as Verification;
  },

  async markSubmitted(application, tokenHash, now, messages) {
    await guarded([
      transition('PENDING_VERIFICATION', application, { condition: 'expiresAt > :now', values: { ':now': epochSeconds(now) } }),
      {
        Update: {
          TableName,
          Key: keys.organisationLock(application.organisationIdentity),
          UpdateExpression: 'REMOVE expiresAt',
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':owner': application.applicationId },
        },
      },
      {
        Update: {
          TableName,
          Key: keys.verification(tokenHash),
          UpdateExpression: 'SET usedAt = :now',
          ConditionExpression: 'attribute_not_exists(usedAt)',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        },
      },
      ...messages.map((message) => outboxPut(message, now)),
    ]);
  },

  async approve(application, decided, member, contact, message, audit) {
    const now = new Date(decided.decidedAt!);
    await guarded([
      transition(application.status, decided),
      ...newMemberPuts(member, contact),
      {
        Update: {
          TableName,
          Key: keys.organisationLock(application.organisationIdentity),
          UpdateExpression: 'SET #owner = :member, ownerKind = :kind REMOVE expiresAt',
          ConditionExpression: '#owner = :application',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':member': member.memberId, ':kind': 'member', ':application': application.applicationId },
        },
      },
      outboxPut(message, now),
      auditPut(audit),
    ]);
  },

  async reject(application, decided, message, audit) {
    const now = new Date(decided.decidedAt!);
    await guarded([
      transition(application.status, decided),
      {
        // The organisation may apply again.
        Delete: {
          TableName,
          Key: keys.organisationLock(application.organisationIdentity),
          ConditionExpression: '#owner = :application',
          ExpressionAttributeNames: { '#owner': 'owner' },
          ExpressionAttributeValues: { ':application': application.applicationId },
        },
      },
      outboxPut(message, now),
      auditPut(audit),
    ]);
  },

  /** Access pattern `listApplicationsByStatus`: gsi1 for one status, gsi2 for all; newest first; expired ones hidden. */
  async list({ status, limit, cursor, now }) {
    const byStatus = status !== undefined;
    const result = await documentClient.send(
      new QueryCommand({
        TableName,
        IndexName: byStatus ? 'gsi1' : 'gsi2',
        KeyConditionExpression: byStatus ? 'gsi1pk = :pk' : 'gsi2pk = :pk',
        FilterExpression: 'attribute_not_exists(expiresAt) OR expiresAt > :now',
        ExpressionAttributeValues: { ':pk': byStatus ? keys.applicationsByStatus(status) : keys.allApplications, ':now': epochSeconds(now) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, byStatus ? { index: 'gsi1', partition: keys.applicationsByStatus(status) } : { index: 'gsi2', partition: keys.allApplications }),
      }),
    );
    return { items: (result.Items ?? []).map(summary), nextCursor: encodeCursor(result.LastEvaluatedKey) };
  },

  /** Access pattern `submittedBefore(instant)`: the oldest waiting applications, for the escalation digest. */
  async submittedBefore(instant) {
    const applications: Application[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new QueryCommand({
          TableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :before',
          ExpressionAttributeValues: { ':pk': keys.applicationsByStatus('SUBMITTED'), ':before': instant.toISOString() },
          ExclusiveStartKey: startKey,
        }),
      );
      applications.push(...(page.Items ?? []).map((item) => fromItem<Application>(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return applications;
  },

  async queueOnce(messages, now) {
    let queued = 0;
    for (const message of messages) {
      try {
        await writeTogether([outboxPut(message, now)]);
        queued += 1;
      } catch (error) {
        if (!(error instanceof ConditionsFailed)) throw error;
      }
    }
    return queued;
  },
};
