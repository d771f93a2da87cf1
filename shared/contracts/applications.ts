import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { cursorQuery } from './common.js';

export const applicationStatuses = ['PENDING_VERIFICATION', 'SUBMITTED', 'APPROVED', 'REJECTED'] as const;
export const applicationStatus = z.enum(applicationStatuses);

export const applicationSummary = z
  .object({
    applicationId: z.string(),
    status: applicationStatus,
    organisationName: z.string(),
    organisationType: z.string(),
    submittedAt: z.string().describe('ISO-8601 UTC'),
  })
  .describe('An application as listed for administrators.');

export const listApplications = defineRoute({
  operationId: 'listApplications',
  method: 'GET',
  path: '/admin/applications',
  access: 'viewer',
  summary: 'List applications, newest first',
  tags: ['applications'],
  query: z.object({
    status: applicationStatus.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: cursorQuery,
  }),
  responses: {
    200: {
      description: 'One page of applications.',
      schema: z.object({ items: z.array(applicationSummary), nextCursor: z.string().optional() }),
    },
  },
});
