import type { EntityItem } from 'electrodb';
import { describe, expectTypeOf, it } from 'vitest';
import type { glokal } from '../../shared/adapters/dynamo/service.js';
import type { ClusterEvent, ExtraInvitee, LocalisedText } from '../../shared/domain/events/event.js';

// ElectroDB drops attributes (and map properties) its schema does not declare: a field added to
// the domain's event and not to its entity would be lost silently. These fail the type check instead.
type Fields<T> = keyof NonNullable<T>;
type Item = EntityItem<(typeof glokal.entities)['event']>;

describe('the event entity and the domain', () => {
  it('stores every field of the domain’s event, its texts, audience and partners', () => {
    expectTypeOf<Fields<Item>>().toEqualTypeOf<keyof ClusterEvent>();
    expectTypeOf<Fields<Item['title']>>().toEqualTypeOf<keyof LocalisedText>();
    expectTypeOf<Fields<Item['description']>>().toEqualTypeOf<keyof LocalisedText>();
    expectTypeOf<Fields<Item['audience']>>().toEqualTypeOf<'scope' | 'memberTypes' | 'interests'>();
    expectTypeOf<Fields<Item['extraInvitees'][number]>>().toEqualTypeOf<keyof ExtraInvitee>();
  });
});
