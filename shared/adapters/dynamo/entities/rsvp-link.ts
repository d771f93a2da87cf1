import { Entity, entityConfiguration, serviceName } from './common.js';

/** An RSVP link: the hash of its random token (never the token) naming one invitation. */
export const rsvpLink = new Entity(
  {
    model: { entity: 'RSVP_LINK', version: '1', service: serviceName },
    attributes: {
      tokenHash: { type: 'string', required: true },
      eventId: { type: 'string', required: true },
      inviteeId: { type: 'string', required: true },
      createdAt: { type: 'string', required: true },
      /** TTL (epoch seconds), some weeks after the event: set on the links the reminders and change notices make. */
      expiresAt: { type: 'number' },
    },
    indexes: {
      byHash: {
        pk: { field: 'pk', composite: ['tokenHash'], template: 'RSVP#${tokenHash}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'RSVP', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
