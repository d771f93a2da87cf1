import { Entity as ElectroEntity, Service as ElectroService, type EntityConfiguration, type OpaquePrimitiveTypeName } from 'electrodb';
import type { Audience } from '../../../domain/events/event.js';
import { interestCodes, organisationTypeCodes, voivodeshipCodes, type Interest, type OrganisationType } from '../../../domain/organisations/reference-data.js';
import { languages } from '../../../domain/language.js';

/**
 * ElectroDB's Entity, without its check of the model against ElectroDB's JSON
 * schema at construction: that check (jsonschema, twice per model) took about
 * 150 ms of every cold start for thirteen models that are constants. The unit
 * tests run it on every entity (test/unit/entities.test.ts), so a malformed
 * model still fails the build; nothing else about the entities changes.
 */
export const Entity = class extends ElectroEntity<string, string, string, never> {
  _validateModel() {}
} as unknown as typeof ElectroEntity;

/**
 * ElectroDB's Service, taking the entities it is given as entities: ElectroDB
 * first checks each one against its JSON schema of a model (twice per entity,
 * about 70 ms of every cold start) before seeing it is an entity instance. The
 * unit tests build the service with ElectroDB's own class.
 */
export const Service = class extends ElectroService<Record<string, never>> {
  _inferJoinEntity(instance: unknown) {
    return instance;
  }
} as unknown as typeof ElectroService;

/** ElectroDB's name for this table's items; every entity joins the one service (service.ts). */
export const serviceName = 'glokal';

/**
 * How every entity identifies its items. `entity` is the attribute items
 * carried before ElectroDB, with the same values ('APPLICATION', 'OUTBOX'…),
 * so the mailer's stream filter and the items themselves keep their shape;
 * `schemaVersion` is the version of the entity's schema (absent on items
 * written before ElectroDB, which are version 0).
 *
 * Ownership is decided by the key (each item type has its own key format,
 * kept from before ElectroDB), not by these attributes: items written before
 * them read as they always did, with no migration. ElectroDB resets this
 * option on secondary-index queries, so those pass `tolerant` again.
 */
export const entityConfiguration = {
  identifiers: { entity: 'entity', version: 'schemaVersion' },
  ignoreOwnership: true,
} satisfies EntityConfiguration;

/** Read options for secondary-index queries (see entityConfiguration). */
export const tolerant = { ignoreOwnership: true } as const;

/** A list item that is one of known codes (ElectroDB's enums do not go inside lists). */
export const oneOf = <T extends string>(codes: readonly T[]) => ({
  // ElectroDB's CustomAttributeType<T>('string') is this string, typed as T.
  type: 'string' as OpaquePrimitiveTypeName<T>,
  validate: (value: T) => codes.includes(value),
});

/** Addresses are compared without case; keys use the lower-cased form. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * A batch read's answer for every address as the caller spelled it (two
 * contacts may write one address differently), from what was read once per
 * normalised address.
 */
export function perAddressGiven<T>(emails: readonly string[], read: (address: string) => T): Map<string, T> {
  return new Map(emails.map((email) => [email, read(normaliseEmail(email))] as const));
}

/** Names sort without case or diacritics: "Łódź" sorts with "Lodz". */
export const sortName = (name: string) =>
  name
    .toLowerCase()
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/#/g, ' ')
    .slice(0, 60);

/** The table's TTL attribute holds epoch seconds. */
export const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** A consent as the application records it; members and contacts keep the same record. */
export const consentProperties = {
  accepted: { type: 'boolean', required: true },
  at: { type: 'string', required: true },
  textVersion: { type: 'string', required: true },
  noticeVersion: { type: 'string' },
  lang: { type: languages, required: true },
} as const;

export const consentsAttribute = {
  type: 'map',
  properties: {
    statute: { type: 'map', properties: consentProperties, required: true },
    dataProcessing: { type: 'map', properties: consentProperties, required: true },
    marketing: { type: 'map', properties: consentProperties, required: true },
  },
} as const;

export const addressAttribute = {
  type: 'map',
  properties: {
    street: { type: 'string', required: true },
    postalCode: { type: 'string', required: true },
    city: { type: 'string', required: true },
    voivodeship: { type: voivodeshipCodes },
  },
} as const;

/** A text in Polish and English (an event's or a funding call's title), both required. */
export const localisedTextAttribute = {
  type: 'map',
  required: true,
  properties: { pl: { type: 'string', required: true }, en: { type: 'string', required: true } },
} as const;

/** Who an event or a funding call is for: every active member, or a segment by member types and interests (the domain's `Audience`). */
export const audienceAttribute = {
  type: 'map',
  required: true,
  properties: {
    scope: { type: ['all', 'segment'] as const, required: true },
    memberTypes: { type: 'list', items: oneOf(organisationTypeCodes) },
    interests: { type: 'list', items: oneOf(interestCodes) },
  },
} as const;

/** A stored audience as the domain knows it: a segment's lists, absent from the item when empty, read as empty. */
export function storedAudience(audience: { scope: 'all' | 'segment'; memberTypes?: OrganisationType[]; interests?: Interest[] }): Audience {
  return audience.scope === 'all' ? { scope: 'all' } : { scope: 'segment', memberTypes: audience.memberTypes ?? [], interests: audience.interests ?? [] };
}
