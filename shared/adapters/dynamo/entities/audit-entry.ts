import { Entity, entityConfiguration, serviceName } from './common.js';

/** An admin action, written in the same transaction as the action; one partition per day (`byDay`), in time order. */
export const auditEntry = new Entity(
  {
    model: { entity: 'AUDIT', version: '1', service: serviceName },
    attributes: {
      auditId: { type: 'string', required: true },
      at: { type: 'string', required: true },
      /** The UTC day of `at`. */
      day: { type: 'string', required: true, hidden: true },
      actor: {
        type: 'map',
        required: true,
        properties: { subject: { type: 'string', required: true }, email: { type: 'string' } },
      },
      action: { type: 'string', required: true },
      target: { type: 'string', required: true },
      before: { type: 'any' },
      after: { type: 'any' },
    },
    indexes: {
      byDay: {
        pk: { field: 'pk', composite: ['day'], template: 'AUDIT#${day}', casing: 'none' },
        sk: { field: 'sk', composite: ['at', 'auditId'], template: '${at}#${auditId}', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
