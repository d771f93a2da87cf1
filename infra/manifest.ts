import * as applications from '../shared/contracts/applications.js';
import * as mail from '../shared/contracts/mail.js';
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
    name: 'list-applications',
    entry: 'functions/applications/list-applications.ts',
    description: 'Admin: applications by status, newest first',
    triggers: [{ kind: 'http', route: applications.listApplications }],
    table: 'read',
    sendsMail: false,
  },
  {
    name: 'mailer',
    entry: 'functions/mail/deliver-outbox.ts',
    description: 'Delivers outbox emails through SES: new items from the stream, retries from the sweep',
    triggers: [
      { kind: 'table-stream', filter: { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['OUTBOX'] } } } }, batchSize: 25 },
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
