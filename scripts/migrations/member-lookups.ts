import { memberRepository } from '../../shared/adapters/dynamo/member-repository.js';
import { glokal } from '../../shared/adapters/dynamo/service.js';
import { nextAggregate } from '../../shared/domain/members/changes.js';
import { MemberChanged } from '../../shared/domain/members/ports.js';
import type { Migration } from './migration.js';
import { scanEntity } from './scan-entity.js';

/**
 * Members stored before member upkeep have no version, no contact count and
 * no lookup items (so `?q=` cannot find them). Each gets version 1, its
 * count, its interest items rewritten with the count, and its lookup items,
 * in one transaction, as its first change would; a member changed meanwhile
 * has them already.
 */
export const memberLookups: Migration = {
  name: 'member-lookups',
  run: () =>
    scanEntity(glokal.entities.member.schema.model.entity, { expression: 'attribute_not_exists(version)' }, async (item) => {
      const before = await memberRepository.load(String(item.memberId));
      if (!before || before.member.version !== 0) return false;
      const now = new Date();
      try {
        await memberRepository.save({ before, after: nextAggregate(before, before.member, before.contacts, now), messages: [], now });
        return true;
      } catch (error) {
        if (!(error instanceof MemberChanged)) throw error;
        return false;
      }
    }),
};
