import { languages } from '../../../domain/language.js';
import { Entity, entityConfiguration, serviceName } from './common.js';

/** An emailed verification link, by the hash of its token (the token itself is never stored). */
export const verification = new Entity(
  {
    model: { entity: 'VERIFICATION', version: '1', service: serviceName },
    attributes: {
      tokenHash: { type: 'string', required: true },
      applicationId: { type: 'string', required: true },
      language: { type: languages, required: true },
      /** When the link stops confirming. */
      expiresAtIso: { type: 'string', required: true },
      usedAt: { type: 'string' },
      /** TTL, later than `expiresAtIso`: a used or expired link keeps answering with its own page for a while. */
      expiresAt: { type: 'number' },
    },
    indexes: {
      byTokenHash: {
        pk: { field: 'pk', composite: ['tokenHash'], template: 'VERIFY#${tokenHash}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'VERIFY', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
