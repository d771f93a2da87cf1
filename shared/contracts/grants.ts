import * as z from 'zod';
import { maxReminderOffset, maxReminderOffsets } from '../domain/grants/funding-call.js';
import { interestCodes, organisationTypeCodes } from '../domain/organisations/reference-data.js';
import { defineRoute } from '../http/route.js';
import { cursorQuery, idParam, singleLine, singleLineText } from './common.js';

const localDeadline = z
  .string({ error: 'Give the deadline as YYYY-MM-DDTHH:mm, for example 2027-03-05T17:00.' })
  .max(16)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Give the deadline as YYYY-MM-DDTHH:mm, for example 2027-03-05T17:00.')
  .describe('Europe/Warsaw local time without offset (`YYYY-MM-DDTHH:mm`), in the future. A time that does not exist or happens twice on a DST change day is refused.');

const unique = <T>(values: T[]) => new Set(values).size === values.length;

export const grantAudience = z
  .discriminatedUnion('scope', [
    z.object({ scope: z.literal('all').describe('Every active member.') }),
    z.object({
      scope: z.literal('segment').describe('Active members of any listed type having any listed interest; an empty or absent list does not narrow.'),
      memberTypes: z.array(z.enum(organisationTypeCodes, 'Unknown member type.')).max(organisationTypeCodes.length).refine(unique, 'List each member type once.').default([]).meta({ uniqueItems: true }),
      interests: z.array(z.enum(interestCodes, 'Unknown interest.')).max(interestCodes.length).refine(unique, 'List each interest once.').default([]).meta({ uniqueItems: true }),
    }),
  ])
  .describe('Who is reminded: `{"scope":"all"}`, or `{"scope":"segment","memberTypes":[…],"interests":[…]}`.');

export const grantOffsets = z
  .array(
    z
      .number({ error: 'Give whole numbers of days.' })
      .int('Give whole numbers of days.')
      .min(1, 'Reminders go out at least 1 day before the deadline.')
      .max(maxReminderOffset, `At most ${maxReminderOffset} days before the deadline.`),
  )
  .min(1, 'Give at least one reminder day, or leave the field out for 30, 14, 7 and 1.')
  .max(maxReminderOffsets, `At most ${maxReminderOffsets} reminders.`)
  .refine(unique, 'List each number of days once.')
  .meta({ uniqueItems: true })
  .describe('Days before the deadline a reminder goes out; 30, 14, 7 and 1 when absent.');

const callUrl = singleLine(z.string().trim().max(500, 'Use at most 500 characters.'))
  .pipe(z.url({ protocol: /^https?$/, message: 'Enter a full address starting with https://' }))
  .meta({ format: 'uri' });

export const grantFields = {
  programme: singleLineText(2, 120).describe('e.g. Erasmus+, Interreg Central Europe, FEnIKS, Fundusze Europejskie dla Dolnego Śląska.'),
  callIdentifier: singleLineText(2, 120).describe('The programme’s identifier of the call, e.g. KA220-VET-2027.'),
  title: z.object({ pl: singleLineText(3, 300), en: singleLineText(3, 300) }).describe('In Polish and English.'),
  url: callUrl.describe('The call’s announcement (http or https).'),
  deadline: localDeadline,
  audience: grantAudience,
  offsets: grantOffsets,
};

export const createGrantBody = z.object({ ...grantFields, offsets: grantFields.offsets.optional() });

const version = z.number().int().min(1).max(1_000_000_000);

export const updateGrantBody = z
  .object({
    programme: grantFields.programme.optional(),
    callIdentifier: grantFields.callIdentifier.optional(),
    title: grantFields.title.optional(),
    url: grantFields.url.optional(),
    deadline: grantFields.deadline.optional(),
    audience: grantFields.audience.optional(),
    offsets: grantFields.offsets.optional(),
    version: version.optional().describe('The version you read: if the call changed since, 409 and nothing changes.'),
  })
  .refine((body) => Object.keys(body).some((field) => field !== 'version'), 'Give at least one field to change.')
  .describe('Only the fields given change. A new deadline or new offsets reschedule the reminders not sent yet.');

const instantView = z.string().describe('ISO-8601 UTC');

export const grantView = z
  .object({
    callId: z.string(),
    programme: z.string(),
    callIdentifier: z.string(),
    title: z.object({ pl: z.string(), en: z.string() }),
    url: z.string(),
    deadline: z.string().describe('Europe/Warsaw local time, YYYY-MM-DDTHH:mm'),
    timeZone: z.literal('Europe/Warsaw'),
    deadlineAt: instantView,
    status: z.enum(['open', 'closed']).describe('open until the deadline.'),
    audience: z.discriminatedUnion('scope', [
      z.object({ scope: z.literal('all') }),
      z.object({ scope: z.literal('segment'), memberTypes: z.array(z.enum(organisationTypeCodes)), interests: z.array(z.enum(interestCodes)) }),
    ]),
    offsets: z.array(z.number().int()).describe('Days before the deadline, largest first.'),
    scheduledFrom: z.string().describe('The Warsaw date the reminder schedule was set: reminders due before it are not caught up.'),
    version: z.number().int().describe('Send it back with a change: if the call changed since, the change is refused with 409.'),
    createdAt: instantView,
    updatedAt: instantView,
    remindersSent: z.record(z.string(), z.number().int()).optional().describe('On GET of one call: reminders sent per offset (days).'),
  })
  .describe('A funding call, its deadline in Warsaw local time and in UTC.');

const grantErrors = {
  404: { description: 'No such call.' },
  409: { description: 'Changed since it was read: another change came first or `version` is not the current one (STALE_GRANT). Nothing is written.' },
} as const;

export const createGrant = defineRoute({
  operationId: 'createGrant',
  method: 'POST',
  path: '/admin/grants',
  access: 'admin',
  summary: 'Register a funding call (deadline in Europe/Warsaw local time); its reminders are scheduled',
  tags: ['grants'],
  body: createGrantBody,
  responses: {
    201: { description: 'Created, version 1.', schema: grantView },
    400: { description: 'Invalid: every failing field is named (a deadline past or not existing on a DST change day, offsets not whole positive days, a bad URL, an unknown interest…). Nothing is written.' },
  },
});

export const listGrants = defineRoute({
  operationId: 'listGrants',
  method: 'GET',
  path: '/admin/grants',
  access: 'viewer',
  summary: 'Funding calls: open ones nearest deadline first, or closed ones latest first',
  tags: ['grants'],
  query: z.object({
    status: z.enum(['open', 'closed']).default('open'),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: cursorQuery,
  }),
  responses: { 200: { description: 'One page of calls.', schema: z.object({ items: z.array(grantView), nextCursor: z.string().optional() }) } },
});

export const getGrant = defineRoute({
  operationId: 'getGrant',
  method: 'GET',
  path: '/admin/grants/{id}',
  access: 'viewer',
  summary: 'Read one funding call, with the reminders sent per offset',
  tags: ['grants'],
  params: idParam,
  responses: { 200: { description: 'The call.', schema: grantView }, 404: grantErrors[404] },
});

export const updateGrant = defineRoute({
  operationId: 'updateGrant',
  method: 'PATCH',
  path: '/admin/grants/{id}',
  access: 'admin',
  summary: 'Change a funding call; a new deadline or new offsets reschedule the reminders not sent yet',
  tags: ['grants'],
  params: idParam,
  body: updateGrantBody,
  responses: {
    200: { description: 'Changed (or unchanged, when nothing given differs).', schema: grantView },
    400: { description: 'Invalid: every failing field is named. Nothing is written.' },
    ...grantErrors,
  },
});

export const deleteGrant = defineRoute({
  operationId: 'deleteGrant',
  method: 'DELETE',
  path: '/admin/grants/{id}',
  access: 'admin',
  summary: 'Delete a funding call: no more reminders go out for it',
  tags: ['grants'],
  params: idParam,
  query: z.object({ version: z.coerce.number().int().min(1).max(1_000_000_000).optional().describe('The version you read: if the call changed since, 409 and nothing is deleted.') }),
  responses: { 204: { description: 'Deleted.' }, ...grantErrors },
});
