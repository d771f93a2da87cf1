import { eventStatuses, eventTypes } from '../../../domain/events/event.js';
import { languages } from '../../../domain/language.js';
import { audienceAttribute, Entity, entityConfiguration, localisedTextAttribute, serviceName } from './common.js';

/**
 * An event of the cluster, in its own partition (invitations and answers
 * will join it there). `byStatus` lists one status and `byStart` every event,
 * both by start time; `startsAt` moves the event in both lists when its time
 * changes.
 */
export const event = new Entity(
  {
    model: { entity: 'EVENT', version: '1', service: serviceName },
    attributes: {
      eventId: { type: 'string', required: true },
      status: { type: eventStatuses, required: true },
      type: { type: eventTypes, required: true },
      title: localisedTextAttribute,
      description: localisedTextAttribute,
      startsAt: { type: 'string', required: true },
      endsAt: { type: 'string', required: true },
      rsvpDeadlineAt: { type: 'string', required: true },
      venue: { type: 'string' },
      onlineUrl: { type: 'string' },
      capacity: { type: 'number', required: true },
      seatLimitPerMember: { type: 'number' },
      audience: audienceAttribute,
      extraInvitees: {
        type: 'list',
        required: true,
        items: {
          type: 'map',
          properties: {
            inviteeId: { type: 'string', required: true },
            email: { type: 'string', required: true },
            name: { type: 'string', required: true },
            language: { type: languages, required: true },
          },
        },
      },
      sequence: { type: 'number', required: true },
      version: { type: 'number', required: true },
      createdAt: { type: 'string', required: true },
      updatedAt: { type: 'string', required: true },
      cancelledAt: { type: 'string' },
      cancellationReason: { type: 'string' },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['eventId'], template: 'EVENT#${eventId}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'EVENT', casing: 'none' },
      },
      byStatus: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['status'], template: 'EVENTS#${status}', casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['startsAt', 'eventId'], template: '${startsAt}#${eventId}', casing: 'none' },
      },
      byStart: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: [], template: 'EVENTS', casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['startsAt', 'eventId'], template: '${startsAt}#${eventId}', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
