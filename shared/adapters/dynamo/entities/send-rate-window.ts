import { Entity, entityConfiguration, serviceName } from './common.js';

/** One counter per wall-clock second of sending, shared by every mailer invocation. */
export const sendRateWindow = new Entity(
  {
    model: { entity: 'RATE_WINDOW', version: '1', service: serviceName },
    attributes: {
      /** Epoch second. */
      second: { type: 'number', required: true },
      sent: { type: 'number' },
      expiresAt: { type: 'number' },
    },
    indexes: {
      bySecond: {
        pk: { field: 'pk', composite: [], template: 'RATE#mail', casing: 'none' },
        sk: { field: 'sk', composite: ['second'], template: '${second}', casing: 'none', cast: 'string' },
      },
    },
  },
  entityConfiguration,
);
