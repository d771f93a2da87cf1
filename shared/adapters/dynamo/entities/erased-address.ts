import { Entity, entityConfiguration, serviceName } from './common.js';

/**
 * An erased address, by its keyed hash only (shared/platform/address-hash.ts):
 * the mailer refuses to send to it, so an erased person is not mailed again by
 * accident, and nothing in the item says who it was.
 */
export const erasedAddress = new Entity(
  {
    model: { entity: 'ERASED_ADDRESS', version: '1', service: serviceName },
    attributes: {
      addressHash: { type: 'string', required: true },
      erasedAt: { type: 'string', required: true },
    },
    indexes: {
      byHash: {
        pk: { field: 'pk', composite: ['addressHash'], template: 'ERASED#${addressHash}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'SUPPRESSION', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
