import * as z from 'zod';
import { defineRoute } from '../http/route.js';
import { languages } from '../domain/language.js';
import { subscriptionCategories } from '../domain/mail/categories.js';
import { contactSources, contactStatuses, memberStatuses, type Contact } from '../domain/members/member.js';
import type { ColleagueInput } from '../domain/members/colleagues.js';
import type { ContactPatch, MemberPatch, NewContact } from '../domain/members/upkeep.js';
import { interestCodes, organisationTypeCodes, voivodeshipCodes } from '../domain/organisations/reference-data.js';
import { cursorQuery, freeText, idParam, singleLine, singleLineText as text } from './common.js';

// ── Views ───────────────────────────────────────────────────────────────

const address = z.object({ street: z.string(), postalCode: z.string(), city: z.string(), voivodeship: z.enum(voivodeshipCodes).optional() });
const consent = z.object({ accepted: z.boolean(), at: z.string(), textVersion: z.string(), noticeVersion: z.string().optional(), lang: z.enum(languages) });
const categories = z.enum(subscriptionCategories as ['events', 'grants']);

export const memberSummaryView = z
  .object({
    memberId: z.string(),
    name: z.string(),
    type: z.enum(organisationTypeCodes),
    country: z.string(),
    status: z.enum(memberStatuses),
    interests: z.array(z.string()),
    joinedAt: z.string(),
    contactCount: z.number().int().describe('Lasting contacts (unconfirmed additions count once confirmed).'),
  })
  .describe('A member as listed for administrators.');

export const memberView = z.object({
  memberId: z.string(),
  status: z.enum(memberStatuses),
  statusReason: z.string().optional(),
  statusChangedAt: z.string().optional(),
  name: z.string(),
  type: z.enum(organisationTypeCodes),
  country: z.string(),
  organisationIdentity: z.string().describe('`PL-NIP-…` or `DE-REG-…`: locked to this member; upkeep never changes it.'),
  nip: z.string().optional(),
  regon: z.string().optional(),
  krs: z.string().optional(),
  registryNumber: z.string().optional(),
  address,
  website: z.string().optional(),
  interests: z.array(z.string()),
  language: z.enum(languages),
  joinedAt: z.string(),
  applicationId: z.string(),
  contactCount: z.number().int(),
  version: z.number().int().describe('Send it back with a change to have the change refused (409) if someone else changed the member since.'),
  updatedAt: z.string().optional(),
});

export const contactView = z.object({
  contactId: z.string(),
  memberId: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().optional(),
  role: z.string(),
  language: z.enum(languages),
  primary: z.boolean(),
  receives: z.array(categories).describe('The member communications this contact receives (while the member is ACTIVE and the address CONFIRMED).'),
  status: z.enum(contactStatuses).describe('UNCONFIRMED addresses receive no member communications until they confirm themselves.'),
  confirmedAt: z.string().optional(),
  confirmBy: z.string().optional().describe('An unconfirmed addition disappears at this time unless confirmed.'),
  addedBy: z.enum(contactSources).optional(),
  consents: z.object({ statute: consent, dataProcessing: consent, marketing: consent }).optional(),
  createdAt: z.string(),
  updatedAt: z.string().optional(),
}) satisfies z.ZodType<Contact>;

export const memberDetailView = z.object({
  member: memberView,
  contacts: z.array(contactView).describe('Primary contact first.'),
  counts: z.object({
    contacts: z.number().int(),
    confirmed: z.number().int(),
    unconfirmed: z.number().int(),
    pendingAdditions: z.number().int(),
    receivingEvents: z.number().int(),
    receivingGrants: z.number().int(),
  }),
});

// ── Inputs ──────────────────────────────────────────────────────────────

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const email = z.email('Enter a valid email address.').max(254).transform((value) => value.toLowerCase());
const phone = text(7, 20, 'Enter a phone number, e.g. +48 71 123 45 67.').regex(/^\+?[\d\s()-]{7,20}$/, 'Enter a phone number, e.g. +48 71 123 45 67.');
const receives = z
  .array(categories, 'Use events and grants.')
  .max(2)
  .refine((values) => new Set(values).size === values.length, 'Name each category once.')
  .meta({ uniqueItems: true })
  .describe('Member communications the contact receives; both when left out.');
const interests = z
  .array(z.enum(interestCodes, 'Unknown interest.'))
  .min(1, 'Choose at least one interest.')
  .max(interestCodes.length, `Choose at most ${interestCodes.length} interests, each once.`)
  .refine((codes) => new Set(codes).size === codes.length, 'Choose each interest once.')
  .meta({ uniqueItems: true });
const version = z.number('Send the version you read, a whole number.').int().min(0).max(1_000_000_000).optional().describe('The member’s version you read; a member changed since is refused with 409.');

/** Refuses a body that changes nothing (only `version`, or nothing at all). */
const changesSomething = (body: Record<string, unknown>) => Object.entries(body).some(([key, value]) => key !== 'version' && value !== undefined);
const nothingToChange = { path: ['body'], message: 'Send at least one field to change.' };

export const memberPatchBody = z
  .object({
    name: text(2, 200).optional(),
    type: z.enum(organisationTypeCodes, 'Choose the type of organisation.').optional(),
    address: z
      .object({
        street: text(2, 200),
        postalCode: text(3, 16),
        city: text(2, 100),
        voivodeship: z.preprocess(emptyToUndefined, z.enum(voivodeshipCodes, 'Choose a voivodeship.').optional()).describe('Required for Polish members.'),
      })
      .optional()
      .describe('The whole address; replaces the stored one.'),
    website: z
      .union([singleLine(z.string().trim().max(300, 'Use at most 300 characters.')).pipe(z.url({ protocol: /^https?$/, message: 'Enter a full address starting with https://' })), z.null()])
      .optional()
      .describe('`null` removes it.'),
    interests: interests.optional(),
    status: z.enum(memberStatuses, 'Use ACTIVE, SUSPENDED or LEFT.').optional().describe('ACTIVE ↔ SUSPENDED, either → LEFT, LEFT → ACTIVE (rejoining); needs `statusReason`.'),
    statusReason: freeText(3, 500, 'Give the reason for the status change.').optional(),
    version,
  })
  .refine(changesSomething, nothingToChange)
  .describe('What to change; fields left out stay. The organisation’s identity (country, NIP, registry number) cannot change: its lock belongs to this member.');

export const newContactBody = z.object({
  name: text(2, 120),
  email,
  phone: z.preprocess(emptyToUndefined, phone.optional()),
  role: text(2, 120),
  language: z.preprocess(emptyToUndefined, z.enum(languages).default('pl')),
  receives: receives.optional(),
  version,
});

export const contactPatchBody = z
  .object({
    name: text(2, 120).optional(),
    email: email.optional().describe('A new address is unconfirmed (no member communications) until it confirms itself; the old one is told.'),
    phone: z.union([phone, z.null()]).optional().describe('`null` removes it.'),
    role: text(2, 120).optional(),
    language: z.enum(languages).optional(),
    receives: receives.optional(),
    primary: z.literal(true, 'Make another contact primary instead.').optional().describe('Makes this contact the primary one; the previous primary stays a contact.'),
    resendConfirmation: z.literal(true).optional().describe('Sends a new confirmation link to an unconfirmed address.'),
    version,
  })
  .refine(changesSomething, nothingToChange);

/** The colleague form, checked in full once its link is known to be good (so the page can show each error at its field). */
export const colleagueInput = z.object({
  memberId: z.preprocess(emptyToUndefined, z.string().max(64).optional()),
  name: text(2, 120),
  email,
  role: text(2, 120),
  language: z.preprocess(emptyToUndefined, z.enum(languages, 'Choose a language.').default('pl')),
});

/** The contract's outputs are the domain's inputs: a change to either that breaks this fails the type-check. */
type Assignable<T extends Target, Target> = T;
export type CheckedInputs = [
  Assignable<Omit<z.output<typeof memberPatchBody>, never>, MemberPatch>,
  Assignable<z.output<typeof newContactBody>, NewContact & { version?: number }>,
  Assignable<z.output<typeof contactPatchBody>, ContactPatch>,
  Assignable<z.output<typeof colleagueInput>, ColleagueInput>,
];

// ── Admin routes ────────────────────────────────────────────────────────

const contactParams = z.object({ id: idParam.shape.id, contactId: z.string().min(1).max(64) });
const memberNotFound = { description: 'No such member (or no such contact of it).' };
const changedMeanwhile = 'MEMBER_CHANGED: another change was saved since the member was read (or since `version`); read it again and repeat the change.';

export const listMembers = defineRoute({
  operationId: 'listMembers',
  method: 'GET',
  path: '/admin/members',
  access: 'viewer',
  summary: 'Members by status (ACTIVE by default), optionally of one type and with one interest, by type then name; or with q, found by the start of the name, NIP or a contact’s email',
  tags: ['members'],
  query: z
    .object({
      q: singleLine(z.string().trim().min(2, 'Type at least 2 characters.').max(100, 'Use at most 100 characters.'))
        .optional()
        .describe('The start of the member’s name (or of a word of it), of its NIP or registry number, or of a contact’s email; one page of matches, every status unless `status` is given.'),
      status: z.enum(memberStatuses).optional().describe('ACTIVE when left out (without q).'),
      type: z.enum(organisationTypeCodes).optional(),
      interest: z.enum(interestCodes).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(25),
      cursor: cursorQuery,
    })
    .refine((query) => query.q === undefined || query.cursor === undefined, { path: ['cursor'], message: 'A search (q) answers one page; it takes no cursor.' }),
  responses: { 200: { description: 'One page of members.', schema: z.object({ items: z.array(memberSummaryView), nextCursor: z.string().optional() }) } },
});

export const getMember = defineRoute({
  operationId: 'getMember',
  method: 'GET',
  path: '/admin/members/{id}',
  access: 'viewer',
  summary: 'One member with its contacts and their counts',
  tags: ['members'],
  params: idParam,
  responses: {
    200: { description: 'The member.', schema: memberDetailView },
    404: { description: 'No such member.' },
  },
});

export const updateMember = defineRoute({
  operationId: 'updateMember',
  method: 'PATCH',
  path: '/admin/members/{id}',
  access: 'admin',
  summary: 'Change a member: name, type, address, website, interests, status (ACTIVE, SUSPENDED, LEFT) with a reason; audited',
  tags: ['members'],
  params: idParam,
  body: memberPatchBody,
  responses: {
    200: { description: 'The member as changed.', schema: memberDetailView },
    404: memberNotFound,
    409: { description: `${changedMeanwhile} INVALID_STATUS_CHANGE: that status cannot follow the current one.` },
  },
});

export const addContact = defineRoute({
  operationId: 'addContact',
  method: 'POST',
  path: '/admin/members/{id}/contacts',
  access: 'admin',
  summary: 'Add a contact to a member; it receives a confirmation link and no member communications until it confirms (unconfirmed additions expire); audited',
  tags: ['members'],
  params: idParam,
  body: newContactBody,
  responses: {
    201: { description: 'Added (unconfirmed): the new contact’s id and the member.', schema: memberDetailView.extend({ contactId: z.string() }) },
    404: memberNotFound,
    409: { description: `DUPLICATE_CONTACT_EMAIL: the member has a contact with this address. TOO_MANY_CONTACTS. ${changedMeanwhile}` },
  },
});

export const updateContact = defineRoute({
  operationId: 'updateContact',
  method: 'PATCH',
  path: '/admin/members/{id}/contacts/{contactId}',
  access: 'admin',
  summary: 'Change a contact (a new address confirms itself; the old one is told), make it primary, or send a new confirmation link; audited',
  tags: ['members'],
  params: contactParams,
  body: contactPatchBody,
  responses: {
    200: { description: 'The member as changed.', schema: memberDetailView },
    404: memberNotFound,
    409: {
      description: `DUPLICATE_CONTACT_EMAIL; CONTACT_NOT_CONFIRMED: an unconfirmed addition cannot become primary; ALREADY_CONFIRMED: no link to resend; ${changedMeanwhile}`,
    },
  },
});

export const removeContact = defineRoute({
  operationId: 'removeContact',
  method: 'DELETE',
  path: '/admin/members/{id}/contacts/{contactId}',
  access: 'admin',
  summary: 'Remove a contact; a member keeps at least one, and its primary contact (make another primary first); audited',
  tags: ['members'],
  params: contactParams,
  responses: {
    200: { description: 'The member as changed.', schema: memberDetailView },
    404: memberNotFound,
    409: { description: `LAST_CONTACT: a member keeps at least one contact. PRIMARY_CONTACT: make another contact primary first. ${changedMeanwhile}` },
  },
});

// ── Pages behind emailed links ──────────────────────────────────────────

const tokenParams = z.object({ token: z.string().min(10).max(200) });
const langQuery = z.object({ lang: z.enum(languages).optional() });

const confirmationPages = {
  200: { description: 'The page in the contact’s language: the confirm button, confirmed, or already confirmed.', contentType: 'text/html' },
  404: { description: 'Unknown link page.', contentType: 'text/html' },
  410: { description: 'Expired link page (an unconfirmed addition is gone), or a link for an address the contact no longer has.', contentType: 'text/html' },
} as const;

export const contactConfirmationPage = defineRoute({
  operationId: 'contactConfirmationPage',
  method: 'GET',
  path: '/contacts/confirm/{token}',
  access: 'public',
  summary: 'The link from a contact confirmation email: a page whose button confirms the address (a GET changes nothing, as mail scanners open links)',
  tags: ['members'],
  params: tokenParams,
  responses: confirmationPages,
});

export const confirmContact = defineRoute({
  operationId: 'confirmContact',
  method: 'POST',
  path: '/contacts/confirm/{token}',
  access: 'public',
  summary: 'The confirmation page’s button: the address is confirmed and receives member communications from now on',
  tags: ['members'],
  params: tokenParams,
  responses: confirmationPages,
});

const colleaguePages = {
  403: { description: 'The link’s address is not (or no longer) a primary contact of a member that has not left.', contentType: 'text/html' },
  404: { description: 'Unknown link page.', contentType: 'text/html' },
  410: { description: 'The welcome email’s link expired (the notification settings page has one that does not).', contentType: 'text/html' },
} as const;

export const colleaguesPage = defineRoute({
  operationId: 'colleaguesPage',
  method: 'GET',
  path: '/colleagues/{token}',
  access: 'public',
  summary: 'The form a member’s primary contact adds colleagues with (PL/EN), from the welcome email or the notification settings page',
  tags: ['members'],
  params: tokenParams,
  query: langQuery,
  responses: { 200: { description: 'The form.', contentType: 'text/html' }, ...colleaguePages },
});

export const addColleague = defineRoute({
  operationId: 'addColleague',
  method: 'POST',
  path: '/colleagues/{token}',
  access: 'public',
  summary: 'The colleague form’s submit: the colleague becomes an unconfirmed contact and receives a confirmation link',
  tags: ['members'],
  params: tokenParams,
  query: langQuery,
  body: z
    .object({
      memberId: z.string().max(200).optional(),
      name: z.string().max(1000).optional(),
      email: z.string().max(1000).optional(),
      role: z.string().max(1000).optional(),
      language: z.string().max(20).optional(),
    })
    .describe('name (2–120), email, role (2–120), language (pl, en), and memberId where the address is the primary contact of several members. Checked in full once the link is known to be good, so the form comes back with each error at its field.'),
  responses: {
    200: { description: 'Added: the page says a confirmation link is on its way and offers the form again.', contentType: 'text/html' },
    400: { description: 'A field is missing or invalid.', browserPage: 'The form comes back, filled in, with each error at its field.' },
    409: { description: 'DUPLICATE_CONTACT_EMAIL: the address is a contact of the member already.', browserPage: 'The form comes back, filled in, with the error at the email field.' },
    ...colleaguePages,
  },
});
