import * as z from 'zod';
import { defineRoute } from '../http/route.js';
import { cursorQuery } from './common.js';

const printableKey = (max: number, message: string) => z.string().min(1).max(max).regex(/^[\x21-\x7e]+$/, message);

/** A day (`YYYY-MM-DD`, UTC) or an ISO-8601 UTC instant; a day as `from` starts at its midnight, as `to` ends at its last millisecond. */
const bound = (edge: 'start' | 'end') =>
  z
    .union([z.iso.date().max(10), z.iso.datetime({ offset: false }).max(30)], { error: 'Use a UTC instant (2026-03-01T08:00:00Z) or a day (2026-03-01).' })
    .transform((value) => (value.length === 10 ? `${value}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}Z` : new Date(value).toISOString()));

export const auditEntryView = z.object({
  auditId: z.string(),
  at: z.string().describe('ISO-8601 UTC'),
  actor: z.object({ subject: z.string().describe('The administrator’s token subject') }),
  action: z.string().describe('e.g. `application.approve`, `contact.update`, `grant.import`, `data-subject.erase`'),
  target: z.string().describe('e.g. `application/<id>`, `member/<id>/contact/<id>`, `address/<keyed hash>`'),
  before: z.unknown(),
  after: z.unknown(),
});

export const listAudit = defineRoute({
  operationId: 'listAudit',
  method: 'GET',
  path: '/admin/audit',
  // product.md, Administration: viewers read everything admins read except the audit log and data subject exports.
  access: 'admin',
  summary: 'Audit log of administrators’ actions, newest first, by actor (token subject) and/or target, optionally within a time range; read only',
  tags: ['audit'],
  query: z
    .object({
      actor: printableKey(200, 'An actor is a token subject: printable ASCII without spaces.').optional(),
      target: printableKey(300, 'A target looks like application/<id>: printable ASCII without spaces.').optional(),
      from: bound('start').optional(),
      to: bound('end').optional(),
      limit: z.coerce.number().int().min(1).max(100).default(25),
      cursor: cursorQuery,
    })
    .refine((query) => query.actor !== undefined || query.target !== undefined, { path: ['actor'], message: 'Give an actor or a target (or both): the log is read by key.' })
    .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, { path: ['from'], message: 'from must not be after to.' }),
  responses: {
    200: { description: 'One page of entries.', schema: z.object({ items: z.array(auditEntryView), nextCursor: z.string().optional() }) },
    400: { description: 'Neither actor nor target, a malformed time, or a cursor of another listing.' },
  },
});
