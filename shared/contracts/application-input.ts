import * as z from 'zod';
import { languages } from '../email/language.js';
import { isValidKrs, isValidNip, isValidPolishPostalCode, isValidRegon, normaliseKrs, normaliseNip, normaliseRegon } from '../domain/organisations/identifiers.js';
import { interestCodes, organisationTypeCodes, voivodeshipCodes } from '../domain/organisations/reference-data.js';

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const required = { error: (issue: { input: unknown }) => (issue.input === undefined ? 'This field is required.' : 'Enter text.') };
const text = (min: number, max: number) => z.string(required).trim().min(min, `Enter at least ${min} characters.`).max(max, `Use at most ${max} characters.`);
const optionalText = (max: number) => z.preprocess(emptyToUndefined, z.string().trim().max(max).optional());

/** HTML checkboxes send "on"; JSON clients send true. */
const checkbox = z.preprocess((value) => {
  if (value === true || value === 'on' || value === 'true' || value === '1') return true;
  if (value === undefined || value === false || value === '' || value === 'false' || value === '0') return false;
  return value;
}, z.boolean());
const accepted = (what: string) => checkbox.refine((value) => value === true, `${what} must be accepted.`);

/** A missing group still reports each of its fields by name. */
const group = <T extends z.ZodRawShape>(shape: T) => z.preprocess((value) => value ?? {}, z.object(shape));

/** A checkbox group arrives as one string when one box is ticked. */
const list = <T extends z.ZodType>(item: T) => z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(item));

export const submitApplicationBody = z
  .object({
    organisation: group({
      name: text(2, 200),
      type: z.enum(organisationTypeCodes, 'Choose the type of organisation.'),
      country: z.preprocess((value) => emptyToUndefined(value) ?? 'PL', z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'Use a two-letter country code.')),
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
      website: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, message: 'Enter a full address starting with https://' }).max(300).optional()),
    }),
    contact: group({
      name: text(2, 120),
      email: z.email('Enter a valid email address.').max(254),
      phone: z.string(required).trim().regex(/^\+?[\d\s()-]{7,20}$/, 'Enter a phone number, e.g. +48 71 123 45 67.'),
      role: text(2, 120),
    }),
    interests: list(z.enum(interestCodes, 'Unknown interest.')).pipe(z.array(z.enum(interestCodes)).min(1, 'Choose at least one interest.')),
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
      // Runs even when other fields failed, so one answer names every failing field; the value may be partial.
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

export type ApplicationInput = z.output<typeof submitApplicationBody>;
