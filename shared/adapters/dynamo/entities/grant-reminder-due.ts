import { Entity, entityConfiguration, serviceName } from './common.js';

/**
 * One scheduled reminder of a call (its offset and Warsaw due date), in the
 * call's partition. `byDueDate` is the daily run's only read on a day with
 * nothing due: reminders due by a date, found by key whatever the table holds.
 * A run that covered a reminder deletes it, so the index holds what is still to come.
 */
export const grantReminderDue = new Entity(
  {
    model: { entity: 'GRANT_DUE', version: '1', service: serviceName },
    attributes: {
      callId: { type: 'string', required: true },
      offset: { type: 'number', required: true },
      dueDate: { type: 'string', required: true },
      importId: { type: 'string' },
    },
    indexes: {
      byOffset: {
        pk: { field: 'pk', composite: ['callId'], template: 'GRANT#${callId}', casing: 'none' },
        sk: { field: 'sk', composite: ['offset'], template: 'DUE#${offset}', casing: 'none' },
      },
      byDueDate: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: [], template: 'GRANT_DUE', casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['dueDate', 'callId', 'offset'], template: '${dueDate}#${callId}#${offset}', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
