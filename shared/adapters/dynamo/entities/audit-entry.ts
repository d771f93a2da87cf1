import { Entity, entityConfiguration, serviceName } from './common.js';

/**
 * An admin action, written in the same transaction as the action. Three ways
 * in, all by key: one partition per UTC day (`byDay`), one per actor
 * (`byActor`, the token subject) and one per target (`byTarget`, e.g.
 * `application/<id>`, or `address/<keyed hash>` for a data subject request),
 * each in time order, so `GET /admin/audit` queries and never scans.
 */
export const auditEntry = new Entity(
  {
    model: { entity: 'AUDIT', version: '1', service: serviceName },
    attributes: {
      auditId: { type: 'string', required: true },
      at: { type: 'string', required: true },
      /** The UTC day of `at`. */
      day: { type: 'string', required: true, hidden: true },
      actor: {
        type: 'map',
        required: true,
        // `email` only on entries written before actors were named by subject alone (migration audit-entry-keys removes it).
        properties: { subject: { type: 'string', required: true }, email: { type: 'string' } },
      },
      /** The actor's subject at the top level, for the `byActor` index. */
      actorSubject: {
        type: 'string',
        hidden: true,
        watch: ['actor'],
        set: (_: unknown, item: { actor?: { subject?: string } }) => item.actor?.subject,
      },
      action: { type: 'string', required: true },
      target: { type: 'string', required: true },
      before: { type: 'any' },
      after: { type: 'any' },
    },
    indexes: {
      byDay: {
        pk: { field: 'pk', composite: ['day'], template: 'AUDIT#${day}', casing: 'none' },
        sk: { field: 'sk', composite: ['at', 'auditId'], template: '${at}#${auditId}', casing: 'none' },
      },
      byActor: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['actorSubject'], template: 'AUDIT_ACTOR#${actorSubject}', casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['at', 'auditId'], template: '${at}#${auditId}', casing: 'none' },
      },
      byTarget: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['target'], template: 'AUDIT_TARGET#${target}', casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['at', 'auditId'], template: '${at}#${auditId}', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
