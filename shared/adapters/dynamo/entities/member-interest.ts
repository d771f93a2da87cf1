import { memberStatuses } from '../../../domain/members/member.js';
import { interestCodes, organisationTypeCodes } from '../../../domain/organisations/reference-data.js';
import { Entity, entityConfiguration, oneOf, serviceName, sortName } from './common.js';

/**
 * One item per interest of a member, carrying the member's summary, so
 * "members interested in X" (`byInterest`, by status, type, name) is a query,
 * not a scan.
 */
export const memberInterest = new Entity(
  {
    model: { entity: 'MEMBER_INTEREST', version: '1', service: serviceName },
    attributes: {
      memberId: { type: 'string', required: true },
      interest: { type: interestCodes, required: true },
      name: { type: 'string', required: true },
      type: { type: organisationTypeCodes, required: true },
      country: { type: 'string', required: true },
      status: { type: memberStatuses, required: true },
      interests: { type: 'list', items: oneOf(interestCodes), required: true },
      joinedAt: { type: 'string', required: true },
      /** Absent on items stored before it was kept (the member then had one contact). */
      contactCount: { type: 'number' },
      sortName: { type: 'string', hidden: true, watch: ['name'], set: (_: unknown, item: { name?: string }) => (item.name === undefined ? undefined : sortName(item.name)) },
    },
    indexes: {
      byId: {
        collection: 'memberWithContacts',
        pk: { field: 'pk', composite: ['memberId'], template: 'MEMBER#${memberId}', casing: 'none' },
        sk: { field: 'sk', composite: ['interest'], template: 'INTEREST#${interest}', casing: 'none' },
      },
      byInterest: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['interest'], template: 'INTEREST#${interest}', casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['status', 'type', 'sortName', 'memberId'], template: '${status}#${type}#${sortName}#${memberId}', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
