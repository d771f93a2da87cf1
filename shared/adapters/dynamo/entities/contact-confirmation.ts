import { languages } from '../../../domain/language.js';
import { addressKeyAttribute, byAddressIndex } from './address-index.js';
import { Entity, entityConfiguration, serviceName } from './common.js';

/** An emailed link that confirms a contact's address, by the hash of its token (the token itself is never stored). */
export const contactConfirmation = new Entity(
  {
    model: { entity: 'CONTACT_CONFIRMATION', version: '1', service: serviceName },
    attributes: {
      tokenHash: { type: 'string', required: true },
      memberId: { type: 'string', required: true },
      contactId: { type: 'string', required: true },
      /** The address the link went to, lower-cased. */
      email: { type: 'string', required: true },
      language: { type: languages, required: true },
      /** When the link stops confirming. */
      expiresAtIso: { type: 'string', required: true },
      usedAt: { type: 'string' },
      /** TTL, later than `expiresAtIso`: a used or expired link keeps answering with its own page for a while. */
      expiresAt: { type: 'number' },
      addressKey: addressKeyAttribute('email'),
    },
    indexes: {
      byTokenHash: {
        pk: { field: 'pk', composite: ['tokenHash'], template: 'CONFIRM#${tokenHash}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'CONFIRM', casing: 'none' },
      },
      byAddress: byAddressIndex(['expiresAtIso', 'tokenHash'], 'CONFIRMATION#${expiresAtIso}#${tokenHash}'),
    },
  },
  entityConfiguration,
);
