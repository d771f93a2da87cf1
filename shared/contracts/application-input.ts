import * as z from 'zod';
import type { ApplicationInput } from '../domain/applications/application.js';
import { languages } from '../email/language.js';
import { isValidKrs, isValidNip, isValidPolishPostalCode, isValidRegon, normaliseKrs, normaliseNip, normaliseRegon } from '../domain/organisations/identifiers.js';
import { interestCodes, organisationTypeCodes, voivodeshipCodes } from '../domain/organisations/reference-data.js';
import { singleLine, singleLineText as text } from './common.js';

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = (max: number) => z.preprocess(emptyToUndefined, singleLine(z.string().trim().max(max, `Use at most ${max} characters.`)).optional());

/** HTML checkboxes send "on"; JSON clients send true. */
const checkboxValue = (value: unknown) => {
  if (value === true || value === 'on' || value === 'true' || value === '1') return true;
  if (value === undefined || value === false || value === '' || value === 'false' || value === '0') return false;
  return value;
};
const checkbox = z.preprocess(checkboxValue, z.boolean());
/** A required consent: only `true` (a ticked box) is accepted, and the document says so (`const: true`). */
const accepted = (what: string) => z.preprocess(checkboxValue, z.literal(true, `${what} must be accepted.`));

/** A missing group still reports each of its fields by name. */
const group = <T extends z.ZodRawShape>(shape: T) => z.preprocess((value) => value ?? {}, z.object(shape));

/** A checkbox group arrives as one string when one box is ticked. */
const asList = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** At least one, each known interest at most once: never more items than there are interests. */
const interests = z
  .preprocess(
    asList,
    z
      .array(z.enum(interestCodes, 'Unknown interest.'))
      .min(1, 'Choose at least one interest.')
      .max(interestCodes.length, `Choose at most ${interestCodes.length} interests, each once.`)
      .refine((codes) => new Set(codes).size === codes.length, 'Choose each interest once.'),
  )
  .meta({ uniqueItems: true });

export const submitApplicationBody = z
  .object({
    organisation: group({
      name: text(2, 200),
      type: z.enum(organisationTypeCodes, 'Choose the type of organisation.'),
      country: z
        .preprocess((value) => emptyToUndefined(value) ?? undefined, z.string().trim().toUpperCase().max(2).regex(/^[A-Z]{2}$/, 'Use a two-letter country code.').default('PL'))
        .describe('ISO 3166-1 alpha-2; PL when left out.'),
      nip: optionalText(20).describe('Required for Polish organisations: 10 digits with a valid checksum.'),
      regon: optionalText(20).describe('Optional: 9 or 14 digits with a valid checksum.'),
      krs: optionalText(20).describe('Optional: 10 digits.'),
      registryNumber: optionalText(40).describe('Required outside Poland: VAT or company registry number.'),
      address: group({
        street: text(2, 200),
        postalCode: text(3, 16),
        city: text(2, 100),
        voivodeship: z.preprocess(emptyToUndefined, z.enum(voivodeshipCodes, 'Choose a voivodeship.').optional()).describe('Required for Polish addresses.'),
      }),
      // One line first: the URL check alone would silently drop CR, LF and tabs from the value.
      website: z.preprocess(
        emptyToUndefined,
        singleLine(z.string().trim().max(300, 'Use at most 300 characters.'))
          .pipe(z.url({ protocol: /^https?$/, message: 'Enter a full address starting with https://' }))
          .optional()
          .meta({ format: 'uri' }),
      ),
    }),
    contact: group({
      name: text(2, 120),
      email: z.email('Enter a valid email address.').max(254),
      phone: text(7, 20, 'Enter a phone number, e.g. +48 71 123 45 67.').regex(/^\+?[\d\s()-]{7,20}$/, 'Enter a phone number, e.g. +48 71 123 45 67.'),
      role: text(2, 120),
    }),
    interests,
    language: z.preprocess(emptyToUndefined, z.enum(languages).default('pl')),
    consents: group({
      statute: accepted('The cluster statute'),
      dataProcessing: accepted('Data processing'),
      marketing: checkbox.default(false),
    }),
    /** Honeypot: hidden from people; bots fill it. */
    homepage: z.string().max(500).optional(),
    /** For plain HTML forms, which cannot send the Idempotency-Key header. */
    idempotencyKey: optionalText(100),
    /** The language of the form page itself, so the answer page matches it. */
    formLanguage: z.preprocess(emptyToUndefined, z.enum(languages).optional()),
  })
  .superRefine(
    (value, ctx) => {
      // Runs even when other fields failed, so one answer names every failing field; the value may be partial, or not an object at all.
      if (typeof value !== 'object' || value === null) return;
      const organisation = (value as { organisation?: Record<string, unknown> }).organisation;
      if (!organisation || typeof organisation !== 'object') return;
      const country = typeof organisation.country === 'string' ? organisation.country.trim().toUpperCase() || 'PL' : 'PL';
      const field = (name: string) => (typeof organisation[name] === 'string' && organisation[name].trim() !== '' ? organisation[name].trim() : undefined);
      const address = (organisation.address ?? {}) as Record<string, unknown>;
      if (country === 'PL') {
        const nip = field('nip');
        if (!nip) ctx.addIssue({ code: 'custom', path: ['organisation', 'nip'], message: 'NIP is required for Polish organisations.' });
        else if (!isValidNip(nip)) ctx.addIssue({ code: 'custom', path: ['organisation', 'nip'], message: 'NIP must be 10 digits with a valid checksum.' });
        const regon = field('regon');
        if (regon && !isValidRegon(regon)) ctx.addIssue({ code: 'custom', path: ['organisation', 'regon'], message: 'REGON must be 9 or 14 digits with a valid checksum.' });
        const krs = field('krs');
        if (krs && !isValidKrs(krs)) ctx.addIssue({ code: 'custom', path: ['organisation', 'krs'], message: 'KRS must be 10 digits.' });
        if (!address.voivodeship) ctx.addIssue({ code: 'custom', path: ['organisation', 'address', 'voivodeship'], message: 'Choose a voivodeship.' });
        if (typeof address.postalCode === 'string' && address.postalCode.trim() !== '' && !isValidPolishPostalCode(address.postalCode)) {
          ctx.addIssue({ code: 'custom', path: ['organisation', 'address', 'postalCode'], message: 'A Polish postal code looks like 50-001.' });
        }
      } else if (!field('registryNumber')) {
        ctx.addIssue({ code: 'custom', path: ['organisation', 'registryNumber'], message: 'Give a VAT or registry number for an organisation outside Poland.' });
      }
    },
    { when: () => true },
  )
  .transform((value) => ({
    ...value,
    organisation: {
      ...value.organisation,
      nip: value.organisation.country === 'PL' && value.organisation.nip ? normaliseNip(value.organisation.nip) : undefined,
      regon: value.organisation.country === 'PL' && value.organisation.regon ? normaliseRegon(value.organisation.regon) : undefined,
      krs: value.organisation.country === 'PL' && value.organisation.krs ? normaliseKrs(value.organisation.krs) : undefined,
      registryNumber: value.organisation.country === 'PL' ? undefined : value.organisation.registryNumber,
      address: { ...value.organisation.address, voivodeship: value.organisation.country === 'PL' ? value.organisation.address.voivodeship : undefined },
    },
    contact: { ...value.contact, email: value.contact.email.toLowerCase() },
  }));

/** The contract's output is the domain's input: a change to either that breaks this fails the type-check. */
type Assignable<T extends Target, Target> = T;
export type SubmittedApplication = Assignable<z.output<typeof submitApplicationBody>, ApplicationInput>;
