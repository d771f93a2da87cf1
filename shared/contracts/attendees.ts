import * as z from 'zod';
import { rsvpAnswers } from '../domain/events/invitation.js';
import { languages } from '../domain/language.js';
import { defineRoute } from '../http/route.js';
import { idParam } from './common.js';

export const attendeeView = z
  .object({
    inviteeId: z.string(),
    memberId: z.string().optional(),
    organisation: z.string().optional().describe('The member organisation’s name; absent for extra invitees, who belong to none.'),
    name: z.string().describe('The contact’s name as invited.'),
    email: z.string(),
    language: z.enum(languages),
    answer: z.enum(rsvpAnswers),
    waitlistPosition: z.number().int().min(1).optional().describe('WAITLISTED only: the current rank, 1 being the next offered a seat that frees up.'),
    answeredAt: z.string().optional().describe('ISO-8601 UTC: when the current answer was recorded (for a promotion, when the seat was given).'),
  })
  .describe('One invitee and their answer.');

export const attendeeSheetDescription = [
  'With `Accept: text/csv`, the same list as a spreadsheet file for Excel: UTF-8 with a byte order mark (so Polish letters show),',
  'cells separated by `;` (what Excel with Polish regional settings splits on when a file is opened by double click), RFC 4180 quoting, CRLF rows,',
  'and a cell starting with `=`, `+`, `-` or `@` prefixed with `\'` so that no spreadsheet runs it as a formula.',
  'Columns: Organizacja; Osoba; E-mail; Język; Odpowiedź (ACCEPTED, WAITLISTED, DECLINED, NONE); Pozycja na liście rezerwowej; Czas odpowiedzi (Europe/Warsaw local time, `YYYY-MM-DD HH:mm`).',
].join(' ');

export const listAttendees = defineRoute({
  operationId: 'listAttendees',
  method: 'GET',
  path: '/admin/events/{id}/attendees',
  access: 'viewer',
  summary: 'Everyone invited to an event and their answers, as JSON or (`Accept: text/csv`) as a spreadsheet',
  tags: ['events'],
  params: idParam,
  query: z.object({ answer: z.enum(rsvpAnswers).optional().describe('Only the invitees with this answer.') }),
  responses: {
    200: {
      description:
        'The whole list in one answer (an event has at most a few thousand invitations, and waitlist ranks are counted in one read): seated first, then the waitlist in its order, the declines, and those without an answer; within those, by organisation (extra invitees last) and name.',
      schema: z.object({ items: z.array(attendeeView) }),
      alternatives: { 'text/csv': { description: attendeeSheetDescription } },
    },
    404: { description: 'No such event.' },
  },
});
