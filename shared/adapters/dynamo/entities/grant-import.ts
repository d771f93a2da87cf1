import { Entity, entityConfiguration, serviceName } from './common.js';

/**
 * A spreadsheet import too large for one transaction: its calls are written
 * with its id and stay hidden until this item says COMMITTED (one write, so
 * every call appears at the same instant).
 */
export const grantImport = new Entity(
  {
    model: { entity: 'GRANT_IMPORT', version: '1', service: serviceName },
    attributes: {
      importId: { type: 'string', required: true },
      status: { type: ['PENDING', 'COMMITTED'] as const, required: true },
      callIds: { type: 'list', required: true, items: { type: 'string' } },
      createdAt: { type: 'string', required: true },
      committedAt: { type: 'string' },
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['importId'], template: 'GRANT_IMPORT#${importId}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'IMPORT', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
