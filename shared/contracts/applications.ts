import * as z from 'zod';
import { applicationStatuses } from '../domain/applications/application.js';
import { defineRoute } from '../http/route.js';
import { languages } from '../email/language.js';
import { submitApplicationBody } from './application-input.js';
import { cursorQuery, freeText, idParam, singleLine } from './common.js';

export const applicationStatus = z.enum(applicationStatuses);

export const applicationSummary = z
  .object({
    applicationId: z.string(),
    status: applicationStatus,
    organisationName: z.string(),
    organisationType: z.string(),
    country: z.string(),
    createdAt: z.string().describe('ISO-8601 UTC'),
    submittedAt: z.string().optional().describe('When the applicant confirmed the email'),
  })
  .describe('An application as listed for administrators.');

const consent = z.object({ accepted: z.boolean(), at: z.string(), textVersion: z.string(), noticeVersion: z.string().optional().describe('The GDPR Art. 13 information notice shown with the consents'), lang: z.enum(languages) });

export const applicationView = z.object({
  applicationId: z.string(),
  status: applicationStatus,
  organisation: z.record(z.string(), z.unknown()),
  contact: z.object({ name: z.string(), email: z.string(), phone: z.string(), role: z.string() }),
  interests: z.array(z.string()),
  language: z.enum(languages),
  consents: z.object({ statute: consent, dataProcessing: consent, marketing: consent }),
  organisationIdentity: z.string().describe('`PL-NIP-…` or `DE-REG-…`: what makes one organisation one member.'),
  createdAt: z.string(),
  submittedAt: z.string().optional(),
  decidedAt: z.string().optional(),
  decidedBy: z.string().optional(),
  rejectionReason: z.string().optional(),
  memberId: z.string().optional(),
});

export const submitApplication = defineRoute({
  operationId: 'submitApplication',
  method: 'POST',
  path: '/applications',
  access: 'public',
  summary: 'Apply for membership (JSON, or form-urlencoded from the /apply page)',
  tags: ['applications'],
  headers: z.object({
    'idempotency-key': singleLine(z.string().min(8).max(100)).optional().describe('A retried submit with the same key returns the first answer and writes nothing new.'),
  }),
  body: submitApplicationBody,
  responses: {
    202: {
      description: 'Stored; a verification email is on its way.',
      schema: z.object({ applicationId: z.string(), status: z.literal('PENDING_VERIFICATION') }),
    },
    303: { description: 'Form posts from a browser are redirected to the thank-you page.' },
    400: { description: 'The application is incomplete or invalid.', browserPage: 'A browser’s form post gets the form back, filled in, with each error at its field.' },
    409: {
      description: 'The NIP (or registry number) belongs to a member or an open application; or the Idempotency-Key was used for another application.',
      browserPage: 'A browser’s form post gets the form back, filled in, with the conflict explained.',
    },
  },
});

const verificationPages = {
  200: { description: 'The page in the applicant’s language: confirmed, already confirmed, or already decided.', contentType: 'text/html' },
  404: { description: 'Unknown link page.', contentType: 'text/html' },
  410: { description: 'Expired link page.', contentType: 'text/html' },
} as const;

export const verificationPage = defineRoute({
  operationId: 'verificationPage',
  method: 'GET',
  path: '/applications/verify',
  access: 'public',
  summary: 'The link from the verification email: a page whose button confirms (a GET changes nothing, as mail scanners open links)',
  tags: ['applications'],
  query: z.object({ token: z.string().max(200).optional() }),
  responses: { ...verificationPages, 200: { description: 'The confirmation page with its button, or where the application stands.', contentType: 'text/html' } },
});

export const verifyApplication = defineRoute({
  operationId: 'verifyApplication',
  method: 'POST',
  path: '/applications/verify',
  access: 'public',
  summary: 'The confirmation page’s button: confirms the applicant’s email and notifies the office',
  tags: ['applications'],
  body: z.object({ token: z.string().max(200).optional().describe('The token of the emailed link (a hidden field of the page).') }),
  responses: verificationPages,
});

export const applyPage = defineRoute({
  operationId: 'applyPage',
  method: 'GET',
  path: '/apply',
  access: 'public',
  summary: 'The membership application form (Polish; English with ?lang=en)',
  tags: ['applications'],
  query: z.object({ lang: z.enum(languages).optional(), submitted: z.literal('1').optional() }),
  responses: { 200: { description: 'The form, or the thank-you page after a submit.', contentType: 'text/html' } },
});

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

export const getApplication = defineRoute({
  operationId: 'getApplication',
  method: 'GET',
  path: '/admin/applications/{id}',
  access: 'viewer',
  summary: 'Read one application',
  tags: ['applications'],
  params: idParam,
  responses: { 200: { description: 'The application.', schema: applicationView }, 404: { description: 'No such application.' } },
});

export const approveApplication = defineRoute({
  operationId: 'approveApplication',
  method: 'POST',
  path: '/admin/applications/{id}/approve',
  access: 'admin',
  summary: 'Approve a submitted application: creates the member and its primary contact, sends the welcome email',
  tags: ['applications'],
  params: idParam,
  responses: {
    200: { description: 'Approved.', schema: applicationView },
    404: { description: 'No such application.' },
    409: { description: 'Not submitted, or already decided (also when another administrator decided it at the same moment).' },
  },
});

export const rejectApplication = defineRoute({
  operationId: 'rejectApplication',
  method: 'POST',
  path: '/admin/applications/{id}/reject',
  access: 'admin',
  summary: 'Reject a submitted application; the applicant receives the reason',
  tags: ['applications'],
  params: idParam,
  body: z.object({ reason: freeText(3, 2000, 'Give the reason the applicant will read.').describe('Free text; line breaks are kept.') }),
  responses: {
    200: { description: 'Rejected.', schema: applicationView },
    404: { description: 'No such application.' },
    409: { description: 'Not submitted, or already decided.' },
  },
});
