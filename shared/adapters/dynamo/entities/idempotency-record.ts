import { Entity, entityConfiguration, serviceName } from './common.js';

/** The first answer to a request with an `Idempotency-Key`, so a retry gets the same answer. */
export const idempotencyRecord = new Entity(
  {
    model: { entity: 'IDEMPOTENCY', version: '1', service: serviceName },
    attributes: {
      /** What the key was used for, e.g. 'applications'. */
      scope: { type: 'string', required: true },
      key: { type: 'string', required: true },
      requestHash: { type: 'string', required: true },
      answer: {
        type: 'map',
        required: true,
        properties: {
          applicationId: { type: 'string', required: true },
          status: { type: ['PENDING_VERIFICATION'] as const, required: true },
        },
      },
      expiresAt: { type: 'number' },
    },
    indexes: {
      byKey: {
        pk: { field: 'pk', composite: ['scope', 'key'], template: 'IDEMPOTENCY#${scope}#${key}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'IDEMPOTENCY', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
