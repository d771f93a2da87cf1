import { languages } from '../../../domain/language.js';
import { consentsAttribute, Entity, entityConfiguration, normaliseEmail, serviceName } from './common.js';

/** A contact person of a member, in the member's partition; `byEmail` finds every contact with an address. */
export const contact = new Entity(
  {
    model: { entity: 'CONTACT', version: '1', service: serviceName },
    attributes: {
      contactId: { type: 'string', required: true },
      memberId: { type: 'string', required: true },
      name: { type: 'string', required: true },
      /** As the person gave it; `emailKey` is the form addresses are compared in. */
      email: { type: 'string', required: true },
      emailKey: { type: 'string', hidden: true, watch: ['email'], set: (_: unknown, item: { email?: string }) => (item.email === undefined ? undefined : normaliseEmail(item.email)) },
      phone: { type: 'string', required: true },
      role: { type: 'string', required: true },
      language: { type: languages, required: true },
      primary: { type: 'boolean', required: true },
      consents: { ...consentsAttribute, required: true },
      createdAt: { type: 'string', required: true },
    },
    indexes: {
      byId: {
        collection: 'memberWithContacts',
        pk: { field: 'pk', composite: ['memberId'], template: 'MEMBER#${memberId}', casing: 'none' },
        sk: { field: 'sk', composite: ['contactId'], template: 'CONTACT#${contactId}', casing: 'none' },
      },
      byEmail: {
        index: 'gsi2',
        pk: { field: 'gsi2pk', composite: ['emailKey'], template: 'CONTACT#${emailKey}', casing: 'none' },
        sk: { field: 'gsi2sk', composite: ['memberId'], template: 'MEMBER#${memberId}', casing: 'none' },
      },
    },
  },
  entityConfiguration,
);
