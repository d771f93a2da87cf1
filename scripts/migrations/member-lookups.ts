import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { memberRepository } from '../../shared/adapters/dynamo/member-repository.js';
import { glokal } from '../../shared/adapters/dynamo/service.js';
import { config } from '../../shared/config.js';
import { nextAggregate } from '../../shared/domain/members/changes.js';
import { MemberChanged } from '../../shared/domain/members/ports.js';
import type { Migration } from './migration.js';

/**
 * Members stored before member upkeep have no version, no contact count and
 * no lookup items (so `?q=` cannot find them). Each gets version 1, its
 * count, its interest items rewritten with the count, and its lookup items,
 * in one transaction, as its first change would; a member changed meanwhile
 * has them already.
 */
export const memberLookups: Migration = {
  name: 'member-lookups',
  async run() {
    let examined = 0;
    let changed = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      // A one-off pass over the table: the only place a scan is acceptable.
      const page = await documentClient.send(
        new ScanCommand({
          TableName: config.TABLE_NAME,
          FilterExpression: 'entity = :entity AND attribute_not_exists(version)',
          ExpressionAttributeValues: { ':entity': glokal.entities.member.schema.model.entity },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        examined += 1;
        const before = await memberRepository.load(String(item.memberId));
        if (!before || before.member.version !== 0) continue;
        const now = new Date();
        try {
          await memberRepository.save({ before, after: nextAggregate(before, before.member, before.contacts, now), messages: [], now });
          changed += 1;
        } catch (error) {
          if (!(error instanceof MemberChanged)) throw error;
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return { examined, changed };
  },
};
