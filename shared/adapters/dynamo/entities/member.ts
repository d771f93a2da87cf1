import { memberStatuses } from '../../../domain/members/member.js';
import { interestCodes, organisationTypeCodes } from '../../../domain/organisations/reference-data.js';
import { languages } from '../../../domain/language.js';
import { addressAttribute, Entity, entityConfiguration, oneOf, serviceName, sortName } from './common.js';

/**
 * A member organisation. It shares its partition with its contacts, its
 * interest items and its lookup items (collection `memberWithContacts`);
 * `byStatus` lists the members of one status by type, then name.
 */
export const member = new Entity(
  {
    model: { entity: 'MEMBER', version: '1', service: serviceName },
    attributes: {
      memberId: { type: 'string', required: true },
      status: { type: memberStatuses, required: true },
      statusReason: { type: 'string' },
      statusChangedAt: { type: 'string' },
      name: { type: 'string', required: true },
      type: { type: organisationTypeCodes, required: true },
      country: { type: 'string', required: true },
      organisationIdentity: { type: 'string', required: true },
      nip: { type: 'string' },
      regon: { type: 'string' },
      krs: { type: 'string' },
      registryNumber: { type: 'string' },
      address: { ...addressAttribute, required: true },
      website: { type: 'string' },
      interests: { type: 'list', items: oneOf(interestCodes), required: true },
      language: { type: languages, required: true },
      joinedAt: { type: 'string', required: true },
      applicationId: { type: 'string', required: true },
      /** Lasting contacts; absent on members stored before it was kept, which had exactly one. */
      contactCount: { type: 'number' },
      /** Optimistic concurrency: every change writes version + 1 on condition that the stored one is still the one read (absent: 0). */
      version: { type: 'number' },
      updatedAt: { type: 'string' },
      /** The name as lists sort it, kept in step with `name`. */
      sortName: { type: 'string', hidden: true, watch: ['name'], set: (_: unknown, item: { name?: string }) => (item.name === undefined ? undefined : sortName(item.name)) },
    },
    indexes: {
      byId: {
        collection: 'memberWithContacts',
        pk: { field: 'pk', composite: ['memberId'], template: 'MEMBER#${memberId}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'MEMBER', casing: 'none' },
      },
      byStatus: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['status'], template: 'MEMBERS#${status}', casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['type', 'sortName', 'memberId'], template: '${type}#${sortName}#${memberId}', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
