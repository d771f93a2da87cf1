import { Entity, entityConfiguration, serviceName } from './common.js';

/**
 * Reminders of a call one day's run sent, per offset, in the call's
 * partition: written (a put, so a retried end of run writes the same) from
 * the run's counts when the run ends. The call's page sums them in one query.
 */
export const grantSentCount = new Entity(
  {
    model: { entity: 'GRANT_SENT', version: '1', service: serviceName },
    attributes: {
      callId: { type: 'string', required: true },
      runDate: { type: 'string', required: true },
      perOffset: { type: 'any', required: true },
    },
    indexes: {
      byRunDate: {
        pk: { field: 'pk', composite: ['callId'], template: 'GRANT#${callId}', casing: 'none' },
        sk: { field: 'sk', composite: ['runDate'], template: 'SENT#${runDate}', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
