import { beforeAll, describe, expect, it } from 'vitest';
import { httpRoutes } from '../../infra/manifest-types.js';
import { manifest } from '../../infra/manifest.js';
import type { RouteContract } from '../../shared/http/route.js';
import { accessProductGives, expectedOutcome, outcomeOf } from '../support/access-rules.js';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail } from '../support/mailbox.js';
import { approvedMember } from '../support/members.js';
import { scheduledEvent } from '../support/invitations.js';
import { applicationBody } from '../support/organisations.js';
import { queueFailed, verificationTo } from '../support/outbox-helpers.js';
import { reliabilitySection, updatingReliability, writeReliabilitySection } from '../support/reliability-report.js';
import { useMailer } from '../support/stream-poller.js';
import { settledTableDump, tableDump } from '../support/table-dump.js';
import { tokenCases } from '../support/token-cases.js';

/**
 * Every non-public route of the manifest × every kind of token, through the
 * local twin of API Gateway (its JWT check) and the real handlers (their role
 * check): a bad token gets API Gateway's 401, a valid one without the role a
 * 403 in the error shape, and neither writes anything. Routes come from the
 * manifest, so a route added later is in the matrix without touching this file.
 */
const api = useLocalApi();
useMailer();

const protectedRoutes = httpRoutes(manifest)
  .map(({ route }) => route)
  .filter((route) => route.access !== 'public');
const routeKey = (route: RouteContract) => `${route.method} ${route.path}`;

/** Real records for the routes' path parameters, so a role check that let a caller through would change something real. */
const seeded: { byParameter: Record<string, string>; byCollection: Record<string, string> } = { byParameter: {}, byCollection: {} };
const unknownId = 'unknown-0123456789abcdef';

/** A route's path with a seeded id for each parameter: by the parameter's name, else by the collection it follows (`/members/{id}` → a member). */
function concretePath(route: RouteContract): string {
  const segments = route.path.split('/');
  return segments
    .map((segment, index) => {
      const parameter = /^\{(\w+)\+?\}$/.exec(segment)?.[1];
      if (!parameter) return segment;
      return encodeURIComponent(seeded.byParameter[parameter] ?? seeded.byCollection[segments[index - 1] ?? ''] ?? unknownId);
    })
    .join('/');
}

/** One request per route: an empty JSON object where the route takes a body (enough to reach the handler; its 400 shows the caller got through). */
const requestOf = (route: RouteContract) => ({ method: route.method, path: concretePath(route), json: route.body ? {} : undefined });

const statuses = new Map<string, Map<string, number>>();
function record(route: RouteContract, tokenCase: string, status: number) {
  if (!statuses.has(routeKey(route))) statuses.set(routeKey(route), new Map());
  statuses.get(routeKey(route))!.set(tokenCase, status);
}

beforeAll(async () => {
  const member = await approvedMember(api.call);
  const added = await api.call('POST', `/admin/members/${member.memberId}/contacts`, {
    role: 'admin',
    json: { name: 'Tomasz Nowak', email: uniqueEmail('matrix-contact'), role: 'Koordynator' },
  });
  expect(added.status, added.text).toBe(201);
  const application = await api.call('POST', '/applications', { json: applicationBody() });
  expect(application.status).toBe(202);
  seeded.byParameter = { email: member.email, contactId: added.json.contactId };
  seeded.byCollection = {
    applications: application.json.applicationId,
    members: member.memberId,
    events: await scheduledEvent(api.call),
    outbox: await queueFailed(verificationTo(uniqueEmail('matrix-failed'))),
  };
  // The mailer delivers what seeding queued; after that the table only changes if a request changes it.
  await settledTableDump();
}, 60_000);

describe('product.md decides who may call what', () => {
  it('every route under /admin/ needs a token, viewers get exactly the reads product.md gives them, and nothing else needs one', () => {
    const declared = httpRoutes(manifest).map(({ route }) => `${routeKey(route)}: ${route.access}`);
    const given = httpRoutes(manifest).map(({ route }) => `${routeKey(route)}: ${accessProductGives(route)}`);
    expect(declared).toEqual(given);
  });
});

describe('refusals, and viewers reading: nothing written', () => {
  it.each(protectedRoutes.map((route) => [routeKey(route), route] as const))('%s', async (_key, route) => {
    const before = await tableDump();
    const problems: string[] = [];
    for (const tokenCase of tokenCases.filter((one) => one.holder !== 'admin')) {
      const { method, path, json } = requestOf(route);
      const answer = await api.call(method, path, { token: await tokenCase.token(), json });
      record(route, tokenCase.name, answer.status);
      const expected = expectedOutcome(route.access as 'viewer' | 'admin', tokenCase.holder);
      if (outcomeOf(answer.status) !== expected) problems.push(`${tokenCase.name}: expected ${expected}, got ${answer.status} ${answer.text.slice(0, 120)}`);
      // API Gateway's authorizer answers 401 itself; the function's 403 has the one error shape.
      if (answer.status === 401) expect(answer.json, tokenCase.name).toEqual({ message: 'Unauthorized' });
      if (answer.status === 403) expect(answer.json.error.code, tokenCase.name).toBe('FORBIDDEN');
      if (expected === 'allowed') expect(answer.status, `${tokenCase.name}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
    }
    expect(problems).toEqual([]);
    expect(await tableDump()).toEqual(before);
  });
});

describe('admins get through', () => {
  it.each(protectedRoutes.map((route) => [routeKey(route), route] as const))('%s', async (_key, route) => {
    const admin = tokenCases.find((one) => one.holder === 'admin')!;
    const { method, path, json } = requestOf(route);
    const answer = await api.call(method, path, { token: await admin.token(), json });
    record(route, admin.name, answer.status);
    expect(outcomeOf(answer.status), answer.text.slice(0, 200)).toBe('allowed');
    expect(answer.status, answer.text.slice(0, 200)).toBeLessThan(500);
  });
});

/** The matrix as markdown: a row per route, a column per token, the status the local twin answered. */
function matrixTable(): string {
  const columns = tokenCases.map((one) => one.name);
  const rows = protectedRoutes.map((route) => {
    const answered = statuses.get(routeKey(route));
    return `| \`${routeKey(route)}\` | ${route.access === 'viewer' ? 'admins, viewers' : 'admins'} | ${columns.map((column) => answered?.get(column) ?? '–').join(' | ')} |`;
  });
  return [
    `Generated by \`test/integration/authorization-matrix.test.ts\` from the manifest (${protectedRoutes.length} non-public routes × ${columns.length} tokens), the status each request got from the local twin (\`npm start\`'s HTTP server: the JWT check of API Gateway's authorizer, then the function's role check).`,
    'A 401 is the authorizer’s refusal, a 403 the function’s (error shape, code `FORBIDDEN`); any other status means the caller got through (a 400, 404, 409 or 415 from the handler: the request carried an empty JSON body, named a record that does not exist, or one in a state that refuses the action). Writes send an empty JSON object to real records; every refused request and every viewer read left the table unchanged (dumped before and after each route).',
    'The CDK template is checked from the same manifest by `test/infra/trust.test.ts`: the Cognito JWT authorizer on every one of these routes, none on the public ones.',
    '',
    `| route | who | ${columns.join(' | ')} |`,
    `|---|---|${columns.map(() => '---').join('|')}|`,
    ...rows,
  ].join('\n');
}

describe('test/RELIABILITY.md', () => {
  it('shows the matrix this run measured (UPDATE_RELIABILITY=1 rewrites it)', () => {
    expect(protectedRoutes.every((route) => statuses.get(routeKey(route))?.size === tokenCases.length), 'every cell measured').toBe(true);
    if (updatingReliability) writeReliabilitySection('authorization-matrix', 'Authorization matrix (issue 12, item 4)', matrixTable());
    expect(reliabilitySection('authorization-matrix'), 'run with UPDATE_RELIABILITY=1 to regenerate test/RELIABILITY.md').toBe(matrixTable());
  });
});
