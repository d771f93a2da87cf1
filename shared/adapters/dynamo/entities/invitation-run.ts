import { runStatuses } from '../../../domain/events/invitation.js';
import { Entity, entityConfiguration, serviceName } from './common.js';

/**
 * An invitation run, in its event's partition (`RUN#<runId>`). The table
 * stream carries every write of a RUNNING run to the invitation runner, so
 * each advance starts the next step (the manifest's filter: entity
 * INVITATION_RUN, status RUNNING).
 */
export const invitationRun = new Entity(
  {
    model: { entity: 'INVITATION_RUN', version: '1', service: serviceName },
    attributes: {
      eventId: { type: 'string', required: true },
      runId: { type: 'string', required: true },
      status: { type: runStatuses, required: true },
      phase: { type: ['extras', 'members'] as const, required: true },
      extrasOffset: { type: 'number', required: true },
      memberCursor: { type: 'string' },
      step: { type: 'number', required: true },
      invited: { type: 'number', required: true },
      alreadyInvited: { type: 'number', required: true },
      skipped: { type: 'number', required: true },
      startedAt: { type: 'string', required: true },
      startedBy: { type: 'string', required: true },
      updatedAt: { type: 'string', required: true },
      finishedAt: { type: 'string' },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['eventId'], template: 'EVENT#${eventId}', casing: 'none' },
        sk: { field: 'sk', composite: ['runId'], template: 'RUN#${runId}', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
