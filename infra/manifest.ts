import * as applications from '../shared/contracts/applications.js';
import * as mail from '../shared/contracts/mail.js';
import * as members from '../shared/contracts/members.js';
import * as platform from '../shared/contracts/platform.js';
import type { FunctionDeclaration } from './manifest-types.js';

/**
 * Every function of the product and what triggers it. The CDK stack and the
 * local stack are both generated from this list; adding a route is one entry
 * here plus its handler file.
 */
export const manifest = [
  {
    name: 'get-health',
    entry: 'functions/platform/get-health.ts',
    description: 'Liveness check',
    triggers: [{ kind: 'http', route: platform.getHealth }],
    table: 'none',
    sendsMail: false,
  },
  {
    name: 'get-openapi',
    entry: 'functions/platform/get-openapi.ts',
    description: 'OpenAPI 3.1 document generated from the route contracts',
    triggers: [{ kind: 'http', route: platform.getOpenApi }],
    table: 'none',
    sendsMail: false,
  },
  {
    name: 'apply-page',
    entry: 'functions/applications/apply-page.ts',
    description: 'The membership application form (PL/EN) and its thank-you page',
    triggers: [{ kind: 'http', route: applications.applyPage }],
    table: 'none',
    sendsMail: false,
  },
  {
    name: 'submit-application',
    entry: 'functions/applications/submit-application.ts',
    description: 'Stores an application and queues its verification email',
    triggers: [{ kind: 'http', route: applications.submitApplication }],
    table: 'readwrite',
    sendsMail: false,
  },
  {
    name: 'verification-page',
    entry: 'functions/applications/verification-page.ts',
    description: 'The page behind the verification link (changes nothing)',
    triggers: [{ kind: 'http', route: applications.verificationPage }],
    table: 'read',
    sendsMail: false,
  },
  {
    name: 'verify-application',
    entry: 'functions/applications/verify-application.ts',
    description: 'The verification page’s button: confirms the applicant’s email and notifies administrators',
    triggers: [{ kind: 'http', route: applications.verifyApplication }],
    table: 'readwrite',
    sendsMail: false,
  },
  {
    name: 'list-applications',
    entry: 'functions/applications/list-applications.ts',
    description: 'Admin: applications by status, newest first',
    triggers: [{ kind: 'http', route: applications.listApplications }],
    table: 'read',
    sendsMail: false,
  },
  {
    name: 'get-application',
    entry: 'functions/applications/get-application.ts',
    description: 'Admin: one application',
    triggers: [{ kind: 'http', route: applications.getApplication }],
    table: 'read',
    sendsMail: false,
  },
  {
    name: 'approve-application',
    entry: 'functions/applications/approve-application.ts',
    description: 'Admin: approves an application into a member with a welcome email',
    triggers: [{ kind: 'http', route: applications.approveApplication }],
    table: 'readwrite',
    sendsMail: false,
  },
  {
    name: 'reject-application',
    entry: 'functions/applications/reject-application.ts',
    description: 'Admin: rejects an application and tells the applicant why',
    triggers: [{ kind: 'http', route: applications.rejectApplication }],
    table: 'readwrite',
    sendsMail: false,
  },
  {
    name: 'application-escalation',
    entry: 'functions/applications/escalate-applications.ts',
    description: 'Daily digest of applications waiting more than 3 working days',
    triggers: [{ kind: 'schedule', cron: '0 9 ? * MON-FRI *', timeZone: 'Europe/Warsaw', description: 'Working days 09:00: applications waiting for a decision' }],
    table: 'readwrite',
    sendsMail: false,
  },
  {
    name: 'list-members',
    entry: 'functions/members/list-members.ts',
    description: 'Admin: members by status, type and interest',
    triggers: [{ kind: 'http', route: members.listMembers }],
    table: 'read',
    sendsMail: false,
  },
  {
    name: 'get-member',
    entry: 'functions/members/get-member.ts',
    description: 'Admin: one member with its contacts',
    triggers: [{ kind: 'http', route: members.getMember }],
    table: 'read',
    sendsMail: false,
  },
  {
    name: 'mailer',
    entry: 'functions/mail/deliver-outbox.ts',
    description: 'Delivers outbox emails through SES: new items from the stream, retries from the sweep',
    triggers: [
      {
        kind: 'table-stream',
        filter: { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['OUTBOX'] } } } },
        batchSize: 25,
        startingPosition: 'TRIM_HORIZON',
        retryAttempts: 5,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
      },
      { kind: 'schedule', cron: '* * * * ? *', timeZone: 'Europe/Warsaw', description: 'Outbox sweep: due retries and expired leases' },
    ],
    table: 'readwrite',
    sendsMail: true,
    timeoutSeconds: 120,
  },
  {
    name: 'ses-events',
    entry: 'functions/mail/handle-ses-event.ts',
    description: 'Suppresses addresses that bounce permanently or complain',
    triggers: [{ kind: 'event-bus', pattern: { source: ['aws.ses'], 'detail-type': ['Email Bounced', 'Email Complained'] } }],
    table: 'readwrite',
    sendsMail: false,
  },
  {
    name: 'get-preferences',
    entry: 'functions/mail/get-preferences.ts',
    description: 'Notification preferences page behind unsubscribe links',
    triggers: [{ kind: 'http', route: mail.getPreferences }],
    table: 'read',
    sendsMail: false,
  },
  {
    name: 'post-unsubscribe',
    entry: 'functions/mail/post-unsubscribe.ts',
    description: 'One-click unsubscribe and saving preferences',
    triggers: [{ kind: 'http', route: mail.postUnsubscribe }],
    table: 'readwrite',
    sendsMail: false,
  },
  {
    name: 'list-outbox',
    entry: 'functions/mail/list-outbox.ts',
    description: 'Admin: outbox messages by status (FAILED by default)',
    triggers: [{ kind: 'http', route: mail.listOutbox }],
    table: 'read',
    sendsMail: false,
  },
] as const satisfies readonly FunctionDeclaration[];

export type FunctionName = (typeof manifest)[number]['name'];
