import { Entity, entityConfiguration, serviceName } from './common.js';

/**
 * A preferences link token issued before tokens were derived, kept as a hash
 * so links in emails already sent keep working; it points at the address
 * whose preferences it opens.
 */
export const preferencesLink = new Entity(
  {
    model: { entity: 'PREFERENCES_LINK', version: '1', service: serviceName },
    attributes: {
      email: { type: 'string', required: true },
      tokenHash: { type: 'string', required: true },
    },
    indexes: {
      byEmail: {
        collection: 'recipientState',
        pk: { field: 'pk', composite: ['email'], template: 'RECIPIENT#${email}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'LINK#LEGACY', casing: 'none' },
      },
      byTokenHash: {
        index: 'gsi2',
        collection: 'linkToken',
        pk: { field: 'gsi2pk', composite: ['tokenHash'], template: 'PREFTOKEN#${tokenHash}', casing: 'none' },
        sk: { field: 'gsi2sk', composite: [], template: 'LINK', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
