import * as z from 'zod';
import { defineRoute } from '../http/route.js';

const tokenParams = z.object({ token: z.string().min(10).max(200) });
const response = z.enum(['accept', 'decline'], 'Choose accept or decline.');

const rsvpPages = {
  404: { description: 'Unknown link page.', contentType: 'text/html' },
} as const;

export const rsvpPage = defineRoute({
  operationId: 'rsvpPage',
  method: 'GET',
  path: '/rsvp/{token}',
  access: 'public',
  summary: 'The link of an invitation email: the event, the current answer and waitlist position, and a form to answer (a GET changes nothing, as mail scanners open links)',
  tags: ['events'],
  params: tokenParams,
  query: z.object({ response: response.optional().describe('The choice of the email’s button, preselected on the page.') }),
  responses: { 200: { description: 'The page in the invitee’s language (also when answers are closed: deadline passed or event cancelled).', contentType: 'text/html' }, ...rsvpPages },
});

export const answerInvitation = defineRoute({
  operationId: 'answerInvitation',
  method: 'POST',
  path: '/rsvp/{token}',
  access: 'public',
  summary: 'Records an answer (form or JSON): accept takes a seat or joins the waitlist; decline frees a seat for the first on the waitlist who fits',
  tags: ['events'],
  params: tokenParams,
  body: z.object({ response: response.describe('accept or decline.') }),
  responses: {
    200: { description: 'The page saying what happened (or, after the deadline or for a cancelled event, that nothing changed).', contentType: 'text/html' },
    400: { description: 'No response, or one other than accept or decline.' },
    ...rsvpPages,
  },
});
