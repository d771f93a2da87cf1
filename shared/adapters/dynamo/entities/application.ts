import { applicationStatuses } from '../../../domain/applications/application.js';
import { interestCodes, organisationTypeCodes } from '../../../domain/organisations/reference-data.js';
import { languages } from '../../../domain/language.js';
import { addressKeyAttribute, byAddressIndex } from './address-index.js';
import { addressAttribute, consentsAttribute, Entity, entityConfiguration, oneOf, serviceName } from './common.js';

/**
 * A membership application. `byStatus` lists one status, `all` every
 * application, both newest first; `statusAt` (when the current status began)
 * orders the status list and moves with the status.
 */
export const application = new Entity(
  {
    model: { entity: 'APPLICATION', version: '1', service: serviceName },
    attributes: {
      applicationId: { type: 'string', required: true },
      status: { type: applicationStatuses, required: true },
      statusAt: { type: 'string', required: true },
      organisation: {
        type: 'map',
        required: true,
        properties: {
          name: { type: 'string', required: true },
          type: { type: organisationTypeCodes, required: true },
          country: { type: 'string', required: true },
          nip: { type: 'string' },
          regon: { type: 'string' },
          krs: { type: 'string' },
          registryNumber: { type: 'string' },
          address: { ...addressAttribute, required: true },
          website: { type: 'string' },
        },
      },
      contact: {
        type: 'map',
        required: true,
        properties: {
          name: { type: 'string', required: true },
          email: { type: 'string', required: true },
          phone: { type: 'string', required: true },
          role: { type: 'string', required: true },
        },
      },
      interests: { type: 'list', items: oneOf(interestCodes), required: true },
      language: { type: languages, required: true },
      consents: { ...consentsAttribute, required: true },
      organisationIdentity: { type: 'string', required: true },
      createdAt: { type: 'string', required: true },
      submittedAt: { type: 'string' },
      decidedAt: { type: 'string' },
      decidedBy: { type: 'string' },
      rejectionReason: { type: 'string' },
      memberId: { type: 'string' },
      /** TTL: an unverified application disappears after its link expires. */
      expiresAt: { type: 'number' },
      addressKey: addressKeyAttribute('contact', (contact?: { email?: string }) => contact?.email),
    },
    indexes: {
      byId: {
        pk: { field: 'pk', composite: ['applicationId'], template: 'APPLICATION#${applicationId}', casing: 'none' },
        sk: { field: 'sk', composite: [], template: 'APPLICATION', casing: 'none' },
      },
      byStatus: {
        index: 'gsi1',
        pk: { field: 'gsi1pk', composite: ['status'], template: 'APPLICATIONS#${status}', casing: 'none' },
        sk: { field: 'gsi1sk', composite: ['statusAt', 'applicationId'], template: '${statusAt}#${applicationId}', casing: 'none' },
      },
      all: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: [], template: 'APPLICATIONS', casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['createdAt', 'applicationId'], template: '${createdAt}#${applicationId}', casing: 'none' },
      },
      byAddress: byAddressIndex(['createdAt', 'applicationId'], 'APPLICATION#${createdAt}#${applicationId}'),
    },
  },
  entityConfiguration,
);
