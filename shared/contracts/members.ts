import * as z from 'zod';
import { defineRoute } from '../http/route.js';
import { memberStatuses } from '../domain/members/member.js';
import { interestCodes, organisationTypeCodes } from '../domain/organisations/reference-data.js';
import { cursorQuery, idParam } from './common.js';

const memberSummary = z.object({
  memberId: z.string(),
  name: z.string(),
  type: z.enum(organisationTypeCodes),
  country: z.string(),
  status: z.enum(memberStatuses),
  interests: z.array(z.string()),
  joinedAt: z.string(),
});

export const listMembers = defineRoute({
  operationId: 'listMembers',
  method: 'GET',
  path: '/admin/members',
  access: 'viewer',
  summary: 'Members by status (ACTIVE by default), optionally of one type and with one interest; by type, then name',
  tags: ['members'],
  query: z.object({
    status: z.enum(memberStatuses).default('ACTIVE'),
    type: z.enum(organisationTypeCodes).optional(),
    interest: z.enum(interestCodes).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: cursorQuery,
  }),
  responses: { 200: { description: 'One page of members.', schema: z.object({ items: z.array(memberSummary), nextCursor: z.string().optional() }) } },
});

export const getMember = defineRoute({
  operationId: 'getMember',
  method: 'GET',
  path: '/admin/members/{id}',
  access: 'viewer',
  summary: 'One member with its contacts',
  tags: ['members'],
  params: idParam,
  responses: {
    200: { description: 'The member.', schema: z.object({ member: z.record(z.string(), z.unknown()), contacts: z.array(z.record(z.string(), z.unknown())) }) },
    404: { description: 'No such member.' },
  },
});
