import { languages } from '../../../domain/language.js';
import { subscriptionCategories } from '../../../domain/mail/categories.js';
import { contactSources, contactStatuses } from '../../../domain/members/member.js';
import { consentsAttribute, Entity, entityConfiguration, normaliseEmail, oneOf, serviceName } from './common.js';

/**
 * A contact person of a member, in the member's partition; `byEmail` finds
 * every contact with an address (data subject requests, "which members is
 * this address a contact of"). An unconfirmed addition carries a TTL and
 * disappears, index entry and all, if its address does not confirm itself.
 */
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
      phone: { type: 'string' },
      role: { type: 'string', required: true },
      language: { type: languages, required: true },
      primary: { type: 'boolean', required: true },
      /** Absent on contacts stored before there was a choice: both. */
      receives: { type: 'list', items: oneOf(subscriptionCategories) },
      /** Absent on contacts stored before confirmations: their address was verified with the application. */
      status: { type: contactStatuses },
      confirmedAt: { type: 'string' },
      confirmBy: { type: 'string' },
      addedBy: { type: contactSources },
      consents: consentsAttribute,
      createdAt: { type: 'string', required: true },
      updatedAt: { type: 'string' },
      /** TTL of an unconfirmed addition: `confirmBy` in epoch seconds. */
      expiresAt: { type: 'number' },
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
