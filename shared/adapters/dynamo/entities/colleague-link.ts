import { Entity, entityConfiguration, serviceName } from './common.js';

/** The welcome email's link for adding colleagues, by the hash of its token; it serves the contact it was issued to while that contact is primary. */
export const colleagueLink = new Entity(
  {
    model: { entity: 'COLLEAGUE_LINK', version: '1', service: serviceName },
    attributes: {
      tokenHash: { type: 'string', required: true },
      memberId: { type: 'string', required: true },
      contactId: { type: 'string', required: true },
      /** When the link stops working. */
      expiresAtIso: { type: 'string', required: true },
      /** TTL, later than `expiresAtIso`, so an expired link says so for a while. */
      expiresAt: { type: 'number' },
    },
    indexes: {
      byTokenHash: {
        pk: { field: 'pk', composite: ['tokenHash'], template: 'COLLEAGUES#${tokenHash}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'LINK', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
