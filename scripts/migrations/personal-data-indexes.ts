import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { epochSeconds, normaliseEmail } from '../../shared/adapters/dynamo/entities/common.js';
import { config } from '../../shared/config.js';
import { rejectedApplicationRetentionDays } from '../../shared/domain/applications/application.js';
import type { Migration } from './migration.js';
import { scanEntity } from './scan-entity.js';

type Item = Record<string, unknown>;

async function update(item: Item, expression: string, values: Record<string, unknown>, names: Record<string, string> = {}): Promise<boolean> {
  await documentClient.send(
    new UpdateCommand({
      TableName: config.TABLE_NAME,
      Key: { pk: item.pk, sk: item.sk },
      UpdateExpression: expression,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: values,
      ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    }),
  );
  return true;
}

/** The address index (gsi3) keys of an item written before it, as the entity writes them (entities/*.ts, `byAddress`). */
const addressIndex: Record<string, { address: (item: Item) => unknown; sortKey: (item: Item) => string }> = {
  APPLICATION: { address: (item) => (item.contact as Item | undefined)?.email, sortKey: (item) => `APPLICATION#${String(item.createdAt)}#${String(item.applicationId)}` },
  OUTBOX: { address: (item) => item.to, sortKey: (item) => `OUTBOX#${String(item.createdAt)}#${String(item.messageId)}` },
  INVITATION: { address: (item) => item.email, sortKey: (item) => `INVITATION#${String(item.invitedAt)}#${String(item.eventId)}#${String(item.inviteeId)}` },
  GRANT_LINK: { address: (item) => item.email, sortKey: (item) => `GRANTLINK#${String(item.tokenHash)}` },
  CONTACT_CONFIRMATION: { address: (item) => item.email, sortKey: (item) => `CONFIRMATION#${String(item.expiresAtIso)}#${String(item.tokenHash)}` },
};

/**
 * Issue 12 (trust), items 1–3, for items stored before:
 * - audit entries get their actor and target index keys (GET /admin/audit
 *   reads them by key) and lose the actor's address, if they held one;
 * - applications, outbox messages, invitations, contact confirmations and grant links get
 *   the address index keys, so a data subject request finds them by key;
 * - rejected applications get their TTL (deleted the retention period after the decision).
 * Idempotent: each filter selects only items still without what it adds.
 */
export const personalDataIndexes: Migration = {
  name: 'personal-data-indexes',
  async run() {
    const results = [
      await scanEntity('AUDIT', { expression: 'attribute_not_exists(gsi1pk) OR attribute_exists(actor.email)' }, (item) => {
        const subject = String((item.actor as Item).subject);
        const sortKey = `${String(item.at)}#${String(item.auditId)}`;
        return update(item, 'SET actorSubject = :subject, gsi1pk = :actor, gsi1sk = :sort, gsi2pk = :target, gsi2sk = :sort REMOVE actor.email', {
          ':subject': subject,
          ':actor': `AUDIT_ACTOR#${subject}`,
          ':target': `AUDIT_TARGET#${String(item.target)}`,
          ':sort': sortKey,
        });
      }),
      ...(await Promise.all(
        Object.entries(addressIndex).map(([entity, index]) =>
          scanEntity(entity, { expression: 'attribute_not_exists(gsi3pk)' }, async (item) => {
            const address = index.address(item);
            if (typeof address !== 'string') return false;
            const key = normaliseEmail(address);
            return update(item, 'SET addressKey = :key, gsi3pk = :pk, gsi3sk = :sk', { ':key': key, ':pk': `ADDRESS#${key}`, ':sk': index.sortKey(item) });
          }),
        ),
      )),
      await scanEntity('APPLICATION', { expression: '#status = :rejected AND attribute_not_exists(expiresAt)', names: { '#status': 'status' }, values: { ':rejected': 'REJECTED' } }, (item) =>
        update(item, 'SET expiresAt = :expires', { ':expires': epochSeconds(new Date(String(item.decidedAt))) + rejectedApplicationRetentionDays * 86_400 }),
      ),
    ];
    return results.reduce((sum, result) => ({ examined: sum.examined + result.examined, changed: sum.changed + result.changed }), { examined: 0, changed: 0 });
  },
};
