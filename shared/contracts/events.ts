import * as z from 'zod';
import { eventStatuses, eventTypes, maxExtraInvitees } from '../domain/events/event.js';
import { languages } from '../domain/language.js';
import { interestCodes, organisationTypeCodes } from '../domain/organisations/reference-data.js';
import { defineRoute } from '../http/route.js';
import { cursorQuery, freeText, idParam, singleLine, singleLineText } from './common.js';

/** Administrators give times as a Warsaw wall clock; the use case refuses the hour skipped or repeated on a DST change day. */
const localTime = (what: string) =>
  z
    .string({ error: 'Give a local date and time as YYYY-MM-DDTHH:mm, for example 2027-01-21T10:00.' })
    .max(16)
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Give a local date and time as YYYY-MM-DDTHH:mm, for example 2027-01-21T10:00.')
    .describe(`${what}, Europe/Warsaw local time without offset (\`YYYY-MM-DDTHH:mm\`). A time that does not exist or happens twice on a DST change day is refused.`);

/** A real calendar date in this millennium (so a day after it is one too). */
const isCalendarDate = (text: string) => {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
};
const localDate = z
  .string()
  .max(10)
  .regex(/^2\d{3}-\d{2}-\d{2}$/, 'Give a date as YYYY-MM-DD.')
  .refine(isCalendarDate, 'This date does not exist.');

const localised = <S extends z.ZodType>(schema: S) => z.object({ pl: schema, en: schema });

const unique = <T>(values: T[]) => new Set(values).size === values.length;

const audience = z
  .discriminatedUnion('scope', [
    z.object({ scope: z.literal('all').describe('Every active member.') }),
    z.object({
      scope: z.literal('segment').describe('Active members of any listed type having any listed interest; an empty or absent list does not narrow.'),
      memberTypes: z
        .array(z.enum(organisationTypeCodes, 'Unknown member type.'))
        .max(organisationTypeCodes.length)
        .refine(unique, 'List each member type once.')
        .default([])
        .meta({ uniqueItems: true }),
      interests: z
        .array(z.enum(interestCodes, 'Unknown interest.'))
        .max(interestCodes.length)
        .refine(unique, 'List each interest once.')
        .default([])
        .meta({ uniqueItems: true }),
    }),
  ])
  .describe('Who is invited: `{"scope":"all"}`, or `{"scope":"segment","memberTypes":[…],"interests":[…]}`.');

const extraInvitee = z.object({
  email: z.email('Enter a valid email address.').max(254),
  name: singleLineText(2, 120),
  language: z.enum(languages).default('pl'),
});

const onlineUrl = singleLine(z.string().trim().max(500, 'Use at most 500 characters.'))
  .pipe(z.url({ protocol: /^https?$/, message: 'Enter a full address starting with https://' }))
  .meta({ format: 'uri' });

const eventFields = {
  title: localised(singleLineText(3, 200)).describe('In Polish and English.'),
  description: localised(freeText(1, 5000, 'Describe the event.')).describe('In Polish and English; line breaks are kept.'),
  type: z.enum(eventTypes),
  start: localTime('When the event starts'),
  end: localTime('When it ends (after the start)'),
  rsvpDeadline: localTime('The last moment to answer (before the start)'),
  venue: singleLineText(3, 300).describe('The venue’s address. Give a venue, an online link, or both.'),
  onlineUrl: onlineUrl.describe('The online link (http or https). Give a venue, an online link, or both.'),
  capacity: z.number().int().min(1, 'The capacity must be at least 1.').max(10_000),
  seatLimitPerMember: z.number().int().min(1).max(10_000).describe('At most this many seats for the contacts of one member organisation (at most the capacity).'),
  audience,
  extraInvitees: z
    .array(extraInvitee)
    .max(maxExtraInvitees, `Invite at most ${maxExtraInvitees} partners by address.`)
    .describe('Partners who are not members, invited by address; each address once.'),
};

export const createEventBody = z.object({
  ...eventFields,
  venue: eventFields.venue.optional(),
  onlineUrl: eventFields.onlineUrl.optional(),
  seatLimitPerMember: eventFields.seatLimitPerMember.optional(),
  extraInvitees: eventFields.extraInvitees.default([]),
});

const version = z.number().int().min(1).max(1_000_000_000);

export const updateEventBody = z
  .object({
    title: eventFields.title.optional(),
    description: eventFields.description.optional(),
    type: eventFields.type.optional(),
    start: eventFields.start.optional(),
    end: eventFields.end.optional(),
    rsvpDeadline: eventFields.rsvpDeadline.optional(),
    venue: eventFields.venue.nullable().optional().describe('null removes the venue (an online link must remain).'),
    onlineUrl: eventFields.onlineUrl.nullable().optional().describe('null removes the link (a venue must remain).'),
    capacity: eventFields.capacity.optional(),
    seatLimitPerMember: eventFields.seatLimitPerMember.nullable().optional().describe('null removes the limit.'),
    audience: eventFields.audience.optional(),
    extraInvitees: eventFields.extraInvitees.optional().describe('The whole new list; an address already on it keeps its invitation.'),
    version: version.optional().describe('The version you read: if the event changed since, 409 and nothing changes.'),
  })
  .refine((body) => Object.keys(body).some((field) => field !== 'version'), 'Give at least one field to change.')
  .describe('Only the fields given change. A change of start, end, venue or online link raises `sequence`.');

export const cancelEventBody = z.object({
  reason: freeText(3, 1000, 'Give the reason in a few words.').optional().describe('Kept with the event and in the audit log.'),
  version: version.optional().describe('The version you read: if the event changed since, 409 and nothing changes.'),
});

const localTimeView = z.string().describe('Europe/Warsaw local time, YYYY-MM-DDTHH:mm');
const instantView = z.string().describe('ISO-8601 UTC');

export const invitationRunView = z
  .object({
    runId: z.string(),
    status: z.enum(['RUNNING', 'DONE', 'STOPPED']).describe('STOPPED: the event was cancelled during the run.'),
    invited: z.number().int(),
    alreadyInvited: z.number().int(),
    skipped: z.number().int().describe('Suppressed (bounced, complained) or unsubscribed from event mail.'),
    step: z.number().int(),
    startedAt: instantView,
    updatedAt: instantView,
    finishedAt: instantView.optional(),
  })
  .describe('An invitation run and its progress.');

export const mailRunView = z
  .object({
    runId: z.string().describe('`update-<sequence>`, `cancel-<sequence>`, `reminder-7d`, `reminder-1d` or `rsvp-nudge`.'),
    kind: z.string().describe('event-update-notice, event-cancel-notice, event-reminder or event-rsvp-nudge.'),
    status: z.enum(['RUNNING', 'DONE', 'STOPPED']).describe('STOPPED: a later change or the cancellation made it outdated, or the event started (reminders) or its RSVP deadline passed (nudge).'),
    queued: z.number().int().describe('Emails queued by this run.'),
    alreadyQueued: z.number().int().describe('Emails found queued already (a page made again).'),
    step: z.number().int(),
    startedAt: instantView,
    updatedAt: instantView,
    finishedAt: instantView.optional(),
  })
  .describe('A run of notices, reminders or nudges to the event’s invitees, and its progress.');

const eventSummaryFields = {
  eventId: z.string(),
  status: z.enum(eventStatuses),
  type: z.enum(eventTypes),
  title: localised(z.string()),
  start: localTimeView,
  end: localTimeView,
  rsvpDeadline: localTimeView,
  timeZone: z.literal('Europe/Warsaw'),
  startsAt: instantView,
  endsAt: instantView,
  rsvpDeadlineAt: instantView,
  venue: z.string().optional(),
  onlineUrl: z.string().optional(),
  capacity: z.number().int(),
  sequence: z.number().int().describe('The .ics SEQUENCE: raised by every change of time or place and by the cancellation.'),
};

export const eventSummaryView = z.object(eventSummaryFields).describe('An event as listed.');

export const eventView = z
  .object({
    ...eventSummaryFields,
    description: localised(z.string()),
    seatLimitPerMember: z.number().int().optional(),
    audience: z.discriminatedUnion('scope', [
      z.object({ scope: z.literal('all') }),
      z.object({ scope: z.literal('segment'), memberTypes: z.array(z.enum(organisationTypeCodes)), interests: z.array(z.enum(interestCodes)) }),
    ]),
    extraInvitees: z.array(z.object({ inviteeId: z.string(), email: z.string(), name: z.string(), language: z.enum(languages) })),
    version: z.number().int().describe('Send it back with a change: if the event changed since, the change is refused with 409.'),
    createdAt: instantView,
    updatedAt: instantView,
    cancelledAt: instantView.optional(),
    cancellationReason: z.string().optional(),
    invitationRuns: z.array(invitationRunView).optional().describe('Its invitation runs, newest first (on GET).'),
    mailRuns: z.array(mailRunView).optional().describe('Its change and cancellation notices, reminders and nudges, newest first (on GET).'),
  })
  .describe('An event, with its times in Warsaw local time and in UTC.');

export const createEvent = defineRoute({
  operationId: 'createEvent',
  method: 'POST',
  path: '/admin/events',
  access: 'admin',
  summary: 'Create an event (times in Europe/Warsaw local time)',
  tags: ['events'],
  body: createEventBody,
  responses: {
    201: { description: 'Created: SCHEDULED, sequence 0, version 1.', schema: eventView },
    400: { description: 'Invalid: every failing field is named (end before start, deadline not before the start, a local time that does not exist or is ambiguous on a DST change day, capacity below 1, an unknown interest…). Nothing is written.' },
  },
});

export const listEvents = defineRoute({
  operationId: 'listEvents',
  method: 'GET',
  path: '/admin/events',
  access: 'viewer',
  summary: 'Events by start time, nearest first: from today on unless `from` says otherwise',
  tags: ['events'],
  query: z.object({
    from: localDate.optional().describe('First day (Warsaw date, YYYY-MM-DD), included; today when absent.'),
    to: localDate.optional().describe('Last day (Warsaw date, YYYY-MM-DD), included.'),
    status: z.enum(eventStatuses).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: cursorQuery,
  }),
  responses: {
    200: { description: 'One page of events.', schema: z.object({ items: z.array(eventSummaryView), nextCursor: z.string().optional() }) },
  },
});

export const getEvent = defineRoute({
  operationId: 'getEvent',
  method: 'GET',
  path: '/admin/events/{id}',
  access: 'viewer',
  summary: 'Read one event',
  tags: ['events'],
  params: idParam,
  responses: { 200: { description: 'The event.', schema: eventView }, 404: { description: 'No such event.' } },
});

export const updateEvent = defineRoute({
  operationId: 'updateEvent',
  method: 'PATCH',
  path: '/admin/events/{id}',
  access: 'admin',
  summary: 'Change an event; a change of time or place raises its sequence',
  tags: ['events'],
  params: idParam,
  body: updateEventBody,
  responses: {
    200: { description: 'Changed (or unchanged, when nothing given differs).', schema: eventView },
    400: { description: 'Invalid: every failing field is named, judged with the event’s other fields. Nothing is written.' },
    404: { description: 'No such event.' },
    409: { description: 'The event is cancelled (EVENT_CANCELLED), or changed since it was read: another change came first or `version` is not the current one (STALE_EVENT). Nothing is written.' },
  },
});

export const cancelEvent = defineRoute({
  operationId: 'cancelEvent',
  method: 'POST',
  path: '/admin/events/{id}/cancel',
  access: 'admin',
  summary: 'Cancel an event (it stays readable, CANCELLED)',
  tags: ['events'],
  params: idParam,
  body: cancelEventBody,
  responses: {
    200: { description: 'Cancelled; its sequence is raised.', schema: eventView },
    404: { description: 'No such event.' },
    409: { description: 'Already cancelled (ALREADY_CANCELLED), or changed since `version` (STALE_EVENT).' },
  },
});

export const startInvitations = defineRoute({
  operationId: 'startInvitations',
  method: 'POST',
  path: '/admin/events/{id}/invitations',
  access: 'admin',
  summary: 'Start inviting the audience and the extra invitees (those not invited yet); the work runs in the background',
  tags: ['events'],
  params: idParam,
  responses: {
    202: { description: 'The run started; its progress shows on GET /admin/events/{id}.', schema: invitationRunView },
    404: { description: 'No such event.' },
    409: { description: 'The event is cancelled (EVENT_CANCELLED) or has started (EVENT_PAST).' },
  },
});
