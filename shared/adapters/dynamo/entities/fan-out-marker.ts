import { Entity, entityConfiguration, serviceName } from './common.js';

/**
 * A fan-out marker: proof that one unit of work happened (e.g. the reminder
 * of one contact, call and offset), written with its email under the
 * condition that it did not exist. Markers outlive the emails' retention.
 */
export const fanOutMarker = new Entity(
  {
    model: { entity: 'FAN_OUT_MARKER', version: '1', service: serviceName },
    attributes: {
      key: { type: 'string', required: true },
      scope: { type: 'string', required: true },
      runId: { type: 'string', required: true },
      createdAt: { type: 'string', required: true },
    },
    indexes: {
      byKey: {
        pk: { field: 'pk', composite: ['key'], template: 'MARK#${key}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'MARK', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
