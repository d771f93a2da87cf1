import { languages } from '../../../domain/language.js';
import { addressKeyAttribute, byAddressIndex } from './address-index.js';
import { Entity, entityConfiguration, serviceName } from './common.js';

/**
 * A link of a reminder digest, by the hash of its token: "not relevant" for
 * one call, "stop grant reminders" for the address, or a contact's deadline calendar feed. The token is an HMAC
 * (the same address and call always get the same one), so writing it again is harmless.
 */
export const grantLink = new Entity(
  {
    model: { entity: 'GRANT_LINK', version: '1', service: serviceName },
    attributes: {
      tokenHash: { type: 'string', required: true },
      purpose: { type: ['not-relevant', 'stop', 'calendar'] as const, required: true },
      email: { type: 'string', required: true },
      callId: { type: 'string' },
      /** A calendar link's contact: its feed shows the calls of that contact's member's audience. */
      memberId: { type: 'string' },
      contactId: { type: 'string' },
      lang: { type: languages, required: true },
      addressKey: addressKeyAttribute('email'),
    },
    indexes: {
      byToken: {
        pk: { field: 'pk', composite: ['tokenHash'], template: 'GRANTLINK#${tokenHash}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'LINK', casing: 'none' },
      },
      byAddress: byAddressIndex(['tokenHash'], 'GRANTLINK#${tokenHash}'),
    },
  },
  entityConfiguration,
);
