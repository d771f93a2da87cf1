import { languages } from '../../../domain/language.js';
import { Entity, entityConfiguration, serviceName, normaliseEmail } from './common.js';

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
      /** The normalised address it holds, for the `byAddress` index (data subject requests find it by key). */
      addressKey: { type: 'string', hidden: true, watch: ['email'], set: (_: unknown, item: { email?: string }) => (item.email === undefined ? undefined : normaliseEmail(item.email)) },
    },
    indexes: {
      byTokenHash: {
        pk: { field: 'pk', composite: ['tokenHash'], template: 'CONFIRM#${tokenHash}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'CONFIRM', casing: 'none' },
      },
      byAddress: {
        index: 'gsi3',
        pk: { field: 'gsi3pk', composite: ['addressKey'], template: 'ADDRESS#${addressKey}', casing: 'none' },
        sk: { field: 'gsi3sk', composite: ['expiresAtIso', 'tokenHash'], template: 'CONFIRMATION#${expiresAtIso}#${tokenHash}', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
