import { Entity, entityConfiguration, serviceName } from './common.js';

/** An address that bounced or complained: it receives nothing more (collection `recipientState`). */
export const suppression = new Entity(
  {
    model: { entity: 'SUPPRESSION', version: '1', service: serviceName },
    attributes: {
      email: { type: 'string', required: true },
      reason: { type: 'string', required: true },
      detail: { type: 'string', required: true },
      suppressedAt: { type: 'string', required: true },
    },
    indexes: {
      byEmail: {
        collection: 'recipientState',
        pk: { field: 'pk', composite: ['email'], template: 'RECIPIENT#${email}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'SUPPRESSION', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
