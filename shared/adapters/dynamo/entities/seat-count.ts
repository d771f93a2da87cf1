import { Entity, entityConfiguration, serviceName } from './common.js';

/**
 * Seats taken at an event: `scope` ALL counts every accepted invitee,
 * `MEMBER#<memberId>` those of one organisation (for its seat limit). An
 * accept adds one under the condition that the count is below the limit.
 */
export const seatCount = new Entity(
  {
    model: { entity: 'SEAT_COUNT', version: '1', service: serviceName },
    attributes: {
      eventId: { type: 'string', required: true },
      scope: { type: 'string', required: true },
      taken: { type: 'number' },
    },
    indexes: {
      byScope: {
        pk: { field: 'pk', composite: ['eventId'], template: 'EVENT#${eventId}', casing: 'none' },
        sk: { field: 'sk', composite: ['scope'], template: 'SEATS#${scope}', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
