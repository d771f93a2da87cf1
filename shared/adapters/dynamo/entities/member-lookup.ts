import { Entity, entityConfiguration, serviceName } from './common.js';

export const lookupKinds = ['name', 'id', 'email'] as const;
export type LookupKind = (typeof lookupKinds)[number];

/** The first characters of a term pick its partition, so a prefix search is one query and no partition holds every member. */
export const lookupBucket = (term: string) => term.slice(0, 2);

/**
 * What `GET /admin/members?q=` finds a member by: one item per normalised
 * term (its name and each word of it, its NIP or registry number, each
 * contact's address), in the member's partition (collection
 * `memberWithContacts`, written with the member in one transaction).
 * `byTerm` answers "terms starting with…" with one query per kind: the
 * partition is the kind and the term's first two characters, the sort key
 * the term. An unconfirmed addition's address expires with it.
 */
export const memberLookup = new Entity(
  {
    model: { entity: 'MEMBER_LOOKUP', version: '1', service: serviceName },
    attributes: {
      memberId: { type: 'string', required: true },
      kind: { type: lookupKinds, required: true },
      term: { type: 'string', required: true },
      bucket: { type: 'string', hidden: true, watch: ['term'], set: (_: unknown, item: { term?: string }) => (item.term === undefined ? undefined : lookupBucket(item.term)) },
      termKey: {
        type: 'string',
        hidden: true,
        watch: ['term', 'memberId'],
        set: (_: unknown, item: { term?: string; memberId?: string }) => (item.term === undefined || item.memberId === undefined ? undefined : `${item.term}#${item.memberId}`),
      },
      /** The contact an address belongs to. */
      contactId: { type: 'string' },
      expiresAt: { type: 'number' },
    },
    indexes: {
      byMember: {
        collection: 'memberWithContacts',
        pk: { field: 'pk', composite: ['memberId'], template: 'MEMBER#${memberId}', casing: 'none' },
        sk: { field: 'sk', composite: ['kind', 'term'], template: 'LOOKUP#${kind}#${term}', casing: 'none' },
      },
      byTerm: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['kind', 'bucket'], template: 'LOOKUP#${kind}#${bucket}', casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['termKey'], template: '${termKey}', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
