import { audienceAttribute, Entity, entityConfiguration, localisedTextAttribute, serviceName } from './common.js';

/**
 * A funding call, in its own partition (its due reminders join it there).
 * `byDeadline` lists every call by deadline: open ones from now on, closed
 * ones before now.
 */
export const fundingCall = new Entity(
  {
    model: { entity: 'GRANT', version: '1', service: serviceName },
    attributes: {
      callId: { type: 'string', required: true },
      programme: { type: 'string', required: true },
      callIdentifier: { type: 'string', required: true },
      title: localisedTextAttribute,
      url: { type: 'string', required: true },
      deadlineAt: { type: 'string', required: true },
      audience: audienceAttribute,
      offsets: { type: 'list', required: true, items: { type: 'number' } },
      scheduledFrom: { type: 'string', required: true },
      version: { type: 'number', required: true },
      createdAt: { type: 'string', required: true },
      updatedAt: { type: 'string', required: true },
      importId: { type: 'string' },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['callId'], template: 'GRANT#${callId}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'GRANT', casing: 'none' },
      },
      byDeadline: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: [], template: 'GRANTS', casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['deadlineAt', 'callId'], template: '${deadlineAt}#${callId}', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
