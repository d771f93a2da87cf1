import * as z from 'zod';
import { backupRetentionDays } from '../domain/data-subjects/holdings.js';
import { defineRoute } from '../http/route.js';

/**
 * The address in the path. API Gateway hands path parameters over decoded;
 * one still percent-encoded (`anna%40example.pl`, from a client that encoded
 * twice) is decoded once more, as an address holds no `%`. Compared lower-cased.
 */
const addressParams = z.object({
  email: z
    .string()
    .max(600)
    .transform((value) => {
      if (!value.includes('%')) return value;
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    })
    .pipe(z.email('Give the address as name@domain, percent-encoded in the path (@ as %40).').max(254))
    .transform((value) => value.trim().toLowerCase()),
});

export const dataSubjectExport = z
  .object({
    address: z.string(),
    generatedAt: z.string(),
    backups: z.string().describe(`What backups keep: point-in-time recovery holds erased data for up to ${backupRetentionDays} days.`),
    erasure: z.object({ erasedAt: z.string() }).optional().describe('The address was erased before: only its keyed hash is held, as a suppression.'),
    applications: z.array(z.record(z.string(), z.unknown())),
    contacts: z.array(z.record(z.string(), z.unknown())),
    consents: z.array(z.record(z.string(), z.unknown())).describe('Every consent given, with where it is held, its time, text version, notice version and language.'),
    contactConfirmations: z.array(z.record(z.string(), z.unknown())),
    grantLinks: z.array(z.record(z.string(), z.unknown())).describe('Links of grant digests to the address (not relevant, stop, calendar), without their tokens.'),
    invitations: z.array(z.record(z.string(), z.unknown())),
    extraInvitations: z.array(z.record(z.string(), z.unknown())).describe('Events the office invited the address to by hand.'),
    remindersSent: z.array(z.record(z.string(), z.unknown())),
    outboxMessages: z.array(z.record(z.string(), z.unknown())),
    preferences: z.record(z.string(), z.unknown()).nullable(),
    suppression: z.record(z.string(), z.unknown()).nullable(),
    grantOptOuts: z.array(z.record(z.string(), z.unknown())),
    auditEntries: z.array(z.record(z.string(), z.unknown())),
  })
  .describe('Everything held about one address (GDPR Art. 15).');

export const erasureReport = z.object({
  addressHash: z.string().describe('The keyed hash the audit log and the suppression name the address by'),
  erasedAt: z.string(),
  removed: z.record(z.string(), z.number()).describe('Items deleted or anonymised, by kind'),
  backups: z.string(),
});

export const exportContactData = defineRoute({
  operationId: 'exportContactData',
  method: 'GET',
  path: '/admin/contacts/{email}/export',
  // product.md, Administration: viewers read everything admins read except the audit log and data subject exports.
  access: 'admin',
  summary: 'Data subject access: everything held about an email address, as JSON (audited)',
  tags: ['data subjects'],
  params: addressParams,
  responses: {
    200: { description: 'Everything held about the address.', schema: dataSubjectExport },
    400: { description: 'Not an email address (field `email`).' },
    404: { description: 'Nothing is held about this address.' },
  },
});

export const eraseContactData = defineRoute({
  operationId: 'eraseContactData',
  method: 'POST',
  path: '/admin/contacts/{email}/erase',
  access: 'admin',
  summary: 'Data subject erasure: removes or anonymises the address everywhere, keeps a suppression by keyed hash (audited)',
  tags: ['data subjects'],
  params: addressParams,
  responses: {
    200: { description: 'Erased; what was removed, by kind.', schema: erasureReport },
    400: { description: 'Not an email address (field `email`).' },
    404: { description: 'Nothing is held about this address.' },
  },
});
