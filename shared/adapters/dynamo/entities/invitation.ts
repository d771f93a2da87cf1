import { rsvpAnswers } from '../../../domain/events/invitation.js';
import { languages } from '../../../domain/language.js';
import { addressKeyAttribute, byAddressIndex } from './address-index.js';
import { Entity, entityConfiguration, serviceName } from './common.js';

/**
 * One invitation per (event, invitee), in the event's partition
 * (`INVITATION#<inviteeId>`: the id is deterministic, so inviting twice
 * meets the first item's create condition). `waitlist` is sparse: only
 * WAITLISTED invitations are in it, in the order their accepts were recorded.
 */
export const invitation = new Entity(
  {
    model: { entity: 'INVITATION', version: '1', service: serviceName },
    attributes: {
      eventId: { type: 'string', required: true },
      inviteeId: { type: 'string', required: true },
      memberId: { type: 'string' },
      email: { type: 'string', required: true },
      name: { type: 'string', required: true },
      language: { type: languages, required: true },
      answer: { type: rsvpAnswers, required: true },
      answeredAt: { type: 'string' },
      /** When the accept that put it on the waitlist was recorded; every answer sets it (the index keeps it only while WAITLISTED). */
      waitlistedAt: { type: 'string', required: true },
      invitedAt: { type: 'string', required: true },
      version: { type: 'number', required: true },
      addressKey: addressKeyAttribute('email'),
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['eventId'], template: 'EVENT#${eventId}', casing: 'none' },
        sk: { field: 'sk', composite: ['inviteeId'], template: 'INVITATION#${inviteeId}', casing: 'none' },
      },
      waitlist: {
        index: 'gsi1',
        condition: (attributes) => attributes.answer === 'WAITLISTED',
        pk: { field: 'gsi1pk', composite: ['eventId'], template: 'WAITLIST#${eventId}', casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['waitlistedAt', 'inviteeId'], template: '${waitlistedAt}#${inviteeId}', casing: 'none' },
      },
      byAddress: byAddressIndex(['invitedAt', 'eventId', 'inviteeId'], 'INVITATION#${invitedAt}#${eventId}#${inviteeId}'),
    },
  },
  entityConfiguration,
);
