import * as z from 'zod';
import { defineRoute } from '../http/route.js';
import { tokenParams } from './common.js';

const pageQuery = z.object({ lang: z.enum(['pl', 'en']).optional().describe('The page’s language; the reader’s own when absent.') });

export const grantLinkPage = defineRoute({
  operationId: 'grantLinkPage',
  method: 'GET',
  path: '/grant-reminders/{token}',
  access: 'public',
  summary: 'A reminder digest’s "not relevant" (one call) or "stop grant reminders" link: a page saying what its button does (a GET changes nothing, as mail scanners open links)',
  tags: ['grants'],
  params: tokenParams,
  query: pageQuery,
  responses: { 200: { description: 'The page, with its button (or saying it is done already).', contentType: 'text/html' }, 404: { description: 'Unknown link page.', contentType: 'text/html' } },
});

export const confirmGrantLink = defineRoute({
  operationId: 'confirmGrantLink',
  method: 'POST',
  path: '/grant-reminders/{token}',
  access: 'public',
  summary: 'The page’s button: marks the call "not relevant" for this address, or stops every grant reminder to it',
  tags: ['grants'],
  params: tokenParams,
  query: pageQuery,
  responses: { 200: { description: 'The page saying it is done.', contentType: 'text/html' }, 404: { description: 'Unknown link page.', contentType: 'text/html' } },
});
