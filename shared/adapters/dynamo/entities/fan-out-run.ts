import { fanOutStatuses } from '../../../domain/fanout/fan-out.js';
import { Entity, entityConfiguration, serviceName } from './common.js';

/**
 * A fan-out run, in the partition of what it belongs to (`scope`, e.g.
 * `EVENT#<id>`), sort key `FANOUT#<runId>`. The table stream carries every
 * write of a RUNNING run to the fan-out runner (the manifest's filter:
 * entity FAN_OUT_RUN, status RUNNING), so each advance brings the next page.
 */
export const fanOutRun = new Entity(
  {
    model: { entity: 'FAN_OUT_RUN', version: '1', service: serviceName },
    attributes: {
      scope: { type: 'string', required: true },
      runId: { type: 'string', required: true },
      kind: { type: 'string', required: true },
      status: { type: fanOutStatuses, required: true },
      cursor: { type: 'string' },
      step: { type: 'number', required: true },
      counts: { type: 'any', required: true },
      params: { type: 'any', required: true },
      startedAt: { type: 'string', required: true },
      startedBy: { type: 'string', required: true },
      updatedAt: { type: 'string', required: true },
      finishedAt: { type: 'string' },
    },
    indexes: {
      byScope: {
        pk: { field: 'pk', composite: ['scope'], template: '${scope}', casing: 'none' },
        sk: { field: 'sk', composite: ['runId'], template: 'FANOUT#${runId}', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
