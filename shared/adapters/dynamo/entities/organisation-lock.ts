import { Entity, entityConfiguration, serviceName } from './common.js';

/**
 * One organisation, one member: the lock on an organisation's identity
 * (`PL-NIP-…`, `DE-REG-…`), held by an open application, then by the member.
 * An unverified application's lock expires with it.
 */
export const organisationLock = new Entity(
  {
    model: { entity: 'ORGANISATION_LOCK', version: '1', service: serviceName },
    attributes: {
      organisationIdentity: { type: 'string', required: true },
      /** The application or member id holding the lock; every lock ever written has one. */
      owner: { type: 'string', required: true },
      ownerKind: { type: ['application', 'member'] as const, required: true },
      expiresAt: { type: 'number' },
    },
    indexes: {
      byIdentity: {
        pk: { field: 'pk', composite: ['organisationIdentity'], template: 'ORGANISATION#${organisationIdentity}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'LOCK', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
