import { Entity, entityConfiguration, serviceName } from './common.js';

/** An address marked a call "not relevant": no more reminders of that call to it. One partition per address, read in one query by the run. */
export const grantOptOut = new Entity(
  {
    model: { entity: 'GRANT_OPT_OUT', version: '1', service: serviceName },
    attributes: {
      emailKey: { type: 'string', required: true },
      callId: { type: 'string', required: true },
      markedAt: { type: 'string', required: true },
    },
    indexes: {
      byAddress: {
        pk: { field: 'pk', composite: ['emailKey'], template: 'GRANT_OPTOUT#${emailKey}', casing: 'none' },
        sk: { field: 'sk', composite: ['callId'], template: 'CALL#${callId}', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
