import { languages } from '../../../domain/language.js';
import { subscriptionCategories } from '../../../domain/mail/categories.js';
import { Entity, entityConfiguration, oneOf, serviceName } from './common.js';

/**
 * What one address receives, in the address's partition (collection
 * `recipientState`, with its suppression). `byTokenHash` finds it from the
 * hash of its preferences link token (collection `linkToken`, with legacy
 * link items).
 */
export const recipientPreferences = new Entity(
  {
    model: { entity: 'PREFERENCES', version: '1', service: serviceName },
    attributes: {
      /** Lower-cased. */
      email: { type: 'string', required: true },
      tokenHash: { type: 'string', required: true },
      /** Only on items written before link tokens were derived: the token in clear (`npm run migrate` hashes it). */
      token: { type: 'string' },
      lang: { type: languages, required: true },
      unsubscribed: { type: 'list', items: oneOf(subscriptionCategories), required: true },
      updatedAt: { type: 'string', required: true },
    },
    indexes: {
      byEmail: {
        collection: 'recipientState',
        pk: { field: 'pk', composite: ['email'], template: 'RECIPIENT#${email}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'PREFERENCES', casing: 'none' },
      },
      byTokenHash: {
        index: 'gsi2',
        collection: 'linkToken',
        pk: { field: 'gsi2pk', composite: ['tokenHash'], template: 'PREFTOKEN#${tokenHash}', casing: 'none' },
        sk: { field: 'gsi2sk', composite: [], template: 'PREFERENCES', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
