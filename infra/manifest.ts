import * as applications from '../shared/contracts/applications.js';
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
] as const satisfies readonly FunctionDeclaration[];

export type FunctionName = (typeof manifest)[number]['name'];
