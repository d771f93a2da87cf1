import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { startStreamPoller } from '../../infra/local/stream-poller.js';
import { writeOperations } from '../../infra/local/table-writes.js';
import { httpRoutes } from '../../infra/manifest-types.js';
import { manifest } from '../../infra/manifest.js';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { config } from '../../shared/config.js';
import { renderEmail } from '../../shared/email/render.js';
import type { TemplateName } from '../../shared/email/templates/index.js';
import type { RouteContract } from '../../shared/http/route.js';
import { families, markupPayloads, payloadFor, type Family, type Payload } from '../support/hostile-requests.js';
import { dynamoRequestsDuring } from '../support/dynamo-requests.js';
import { useLocalApi } from '../support/local-api.js';
import { approvedMember, tokenOf } from '../support/members.js';
import { reliabilitySection, updatingReliability, writeReliabilitySection } from '../support/reliability-report.js';

/**
 * Issue 12, item 6: at least 10,000 generated requests across every public
 * route of the manifest (test/support/hostile-requests.ts: wrong types,
 * missing and extra fields, nulls, huge strings and bodies, deep nesting,
 * invalid UTF-8, broken percent-encoding in paths, queries and forms,
 * prototype-pollution keys, markup in every text field, injection strings,
 * wrong content types), sent 16 at a time. None gets a 5xx; every refusal
 * has the error shape (or is a page for a browser); a refused request writes
 * nothing (no write request leaves the product's DynamoDB client while a
 * group of 64 refusals is answered; the refusals of a group with an accepted
 * write are sent again at the end among refusals only); no markup comes
 * back unescaped in a page, nor in any email the accepted requests queued.
 */
const api = useLocalApi();
const seed = 20_261_129;
const requestCount = 10_400;
const concurrency = 16;

const publicRoutes = httpRoutes(manifest)
  .map(({ route }) => route)
  .filter((route) => route.access === 'public');
/** The application form has most fields to get wrong: it gets three shares. */
const weightedRoutes = publicRoutes.flatMap((route) => (route.method === 'POST' && route.path === '/applications' ? [route, route, route] : [route]));

interface HostileRequest {
  route: RouteContract;
  family: Family;
  path: string;
  init: RequestInit;
  /** Sent with a real member's colleagues token instead of the made-up one. */
  realToken: boolean;
}

const madeUpToken = 'hostile-made-up-token-0000000000';
/** A real member's colleagues link (made before the run), so half of that form's requests get past the token to its own checks, its page and its emails. */
let colleaguesToken = '';
let colleaguesRequests = 0;

const percentEncoded = (bytes: Uint8Array) => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('');
/** encodeURIComponent throws on a lone surrogate (a generated string cut in half); its UTF-8 bytes never do. */
const encodedText = (text: string) => percentEncoded(new TextEncoder().encode(text));

/** A GET has no body: what the payload would have posted goes into the query string instead. */
function queryOf(route: RouteContract, payload: Payload): string {
  if (payload.query !== undefined) return payload.query;
  if (route.method !== 'GET' || payload.body === undefined) return '';
  if (payload.body instanceof Uint8Array) return `lang=${percentEncoded(payload.body.slice(0, 3000))}`;
  if (payload.contentType === 'application/x-www-form-urlencoded') return payload.body.slice(0, 6000);
  return `lang=${encodedText(payload.body.slice(0, 3000))}&response=${encodedText(payload.body.slice(0, 200))}`;
}

function planned(route: RouteContract, payload: Payload): HostileRequest {
  let path = route.path.replace(/\{\w+\}/g, payload.pathSegment ?? madeUpToken);
  const query = queryOf(route, payload);
  if (query) path += `?${query}`;
  const headers: Record<string, string> = { accept: payload.family === 'markup in every text field' ? 'text/html,application/xhtml+xml' : 'application/json' };
  if (payload.contentType && route.method !== 'GET') headers['content-type'] = payload.contentType;
  const realToken = route.path.startsWith('/colleagues/') && payload.pathSegment === undefined && colleaguesRequests++ % 2 === 0;
  return { route, family: payload.family, path, realToken, init: { method: route.method, headers, body: route.method === 'GET' ? undefined : payload.body, redirect: 'manual' } };
}

const requests = fc.sample(
  fc.constantFrom(...weightedRoutes).chain((route) => payloadFor(route).map((payload) => planned(route, payload))),
  { seed, numRuns: requestCount },
);

/** The write requests among the DynamoDB requests the product sent (the local API runs every handler in this process, through its one client). */
const writesAmong = (commands: string[]) => commands.filter((command) => writeOperations.has(command.replace(/Command$/, '')));

interface Outcome {
  request: HostileRequest;
  status: number;
  contentType: string;
  text: string;
}

async function send(request: HostileRequest): Promise<Outcome> {
  const path = request.realToken ? request.path.replace(madeUpToken, colleaguesToken) : request.path;
  const response = await fetch(`${api.baseUrl()}${path}`, request.init);
  return { request, status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

const describeRequest = ({ request }: Outcome) =>
  `${request.route.method} ${request.path.slice(0, 300)} [${request.family}] ${String(request.init.body ?? '').slice(0, 300)}`;

/** Markup a page or an email printed as it came: a payload verbatim, or a script link. */
function unescapedMarkup(html: string): string | undefined {
  return markupPayloads.find((payload) => html.includes(payload)) ?? (/href\s*=\s*["']?\s*javascript:/i.test(html) ? 'a javascript: link' : undefined);
}

function checkAnswer(outcome: Outcome) {
  const what = `${describeRequest(outcome)} → ${outcome.status} ${outcome.text.slice(0, 300)}`;
  expect(outcome.status, what).toBeLessThan(500);
  if (outcome.contentType.startsWith('text/html')) {
    expect(outcome.text, what).toMatch(/^<!doctype html>/i);
    expect(unescapedMarkup(outcome.text), what).toBeUndefined();
  } else if (outcome.status >= 400) {
    const body = JSON.parse(outcome.text) as { error?: { code: unknown; message: unknown }; message?: unknown };
    if (body.error) {
      expect(typeof body.error.code, what).toBe('string');
      expect(typeof body.error.message, what).toBe('string');
    } else {
      // API Gateway's own answer to a path no route matches (a parameter holding an encoded slash).
      expect({ status: outcome.status, body }, what).toEqual({ status: 404, body: { message: 'Not Found' } });
    }
  }
}

/** Requests in groups of 64, the unit of the "nothing written" check. */
const groupSize = 64;
function inGroups<T>(items: readonly T[]): T[][] {
  return Array.from({ length: Math.ceil(items.length / groupSize) }, (_, index) => items.slice(index * groupSize, (index + 1) * groupSize));
}

/** Runs `work` over the items with at most `limit` running at once, results in the items' order. */
async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = Array.from({ length: items.length });
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const accepted = (outcome: Outcome) => outcome.status < 400;
const acceptedWrite = (outcome: Outcome) => outcome.request.route.method !== 'GET' && accepted(outcome);

/** Every email the accepted requests queued, rendered as the mailer renders it. */
async function queuedEmails() {
  const items: { template: TemplateName; data: unknown; lang: 'pl' | 'en' }[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({ TableName: config.TABLE_NAME, FilterExpression: 'begins_with(pk, :outbox)', ExpressionAttributeValues: { ':outbox': 'OUTBOX#' }, ExclusiveStartKey: startKey }),
    );
    items.push(...((page.Items ?? []) as typeof items));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  // A sent message keeps no data (the member's own emails, sent before the run): the rest are the run's, still pending.
  return items.filter((item) => item.data !== undefined).map((item) => ({ item, rendered: renderEmail(item.template, item.data as never, item.lang) }));
}

const routeName = (route: RouteContract) => `${route.method} ${route.path}`;

function requestsTable(): string {
  const perRoute = new Map(publicRoutes.map((route) => [routeName(route), new Map<Family, number>()]));
  for (const request of requests) {
    const counts = perRoute.get(routeName(request.route))!;
    counts.set(request.family, (counts.get(request.family) ?? 0) + 1);
  }
  const total = (counts: Map<Family, number>) => [...counts.values()].reduce((sum, count) => sum + count, 0);
  const lines = [
    `Generated by \`test/integration/hostile-input.test.ts\` (fast-check, seed ${seed}): ${requests.length} requests across the ${publicRoutes.length} public routes of the manifest, ${concurrency} at a time, each family of \`test/support/hostile-requests.ts\` weighted alike (the application form three times as often as any other route; half of the colleagues form's requests, outside the path attacks, carry a real member's link). The refusals of a group that held an accepted write are sent again at the end among refusals only (not counted here).`,
    'Asserted on every run: no 5xx; every refusal in the error shape (API Gateway’s own 404 aside) or an HTML page; no DynamoDB write request (put, update, delete, batch or transaction) while refusals are answered; no payload’s markup verbatim in any page, nor in any email the accepted requests queued (rendered as the mailer does); `Object.prototype` untouched.',
    '',
    `| route | requests | ${families.join(' | ')} |`,
    `|---|---|${families.map(() => '---').join('|')}|`,
    ...[...perRoute].map(([name, counts]) => `| \`${name}\` | ${total(counts)} | ${families.map((family) => counts.get(family) ?? 0).join(' | ')} |`),
  ];
  return lines.join('\n');
}

beforeAll(async () => {
  // The stream and mailer run only while the member is made: during the run nothing but the requests may write.
  const poller = await startStreamPoller(manifest, { endpoint: config.DYNAMODB_ENDPOINT!, tableName: config.TABLE_NAME, log: () => undefined, intervalMs: 100 });
  try {
    colleaguesToken = tokenOf((await approvedMember(api.call)).colleaguesLink);
  } finally {
    await poller.stop();
  }
}, 120_000);

describe('hostile input on every public route', () => {
  it(`${requestCount} generated requests: no 5xx, the error shape on every refusal, nothing written by a refusal, no markup unescaped`, { timeout: 1_200_000 }, async () => {
    const statuses = new Map<number, number>();
    const sendAll = async (group: readonly HostileRequest[]) => {
      let outcomes: Outcome[] = [];
      // Every DynamoDB request the group caused, counted as it left the product's client: stricter than counting items (an update changes no count) and no scan per group.
      const requests = await dynamoRequestsDuring(async () => {
        outcomes = await inParallel(group, concurrency, send);
      });
      outcomes.forEach(checkAnswer);
      for (const outcome of outcomes) statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
      return { outcomes, writes: writesAmong(requests) };
    };
    // Only the application form, and the colleagues form with the real link, can accept a write: their requests go in groups of their own.
    const mayWrite = (request: HostileRequest) => request.route.method === 'POST' && (request.route.path === '/applications' || request.realToken);
    const groups = [...inGroups(requests.filter((request) => !mayWrite(request))), ...inGroups(requests.filter(mayWrite))];
    let colleaguesAdded = 0;
    const hidden: HostileRequest[] = [];
    for (const group of groups) {
      const { outcomes, writes } = await sendAll(group);
      colleaguesAdded += outcomes.filter((outcome) => outcome.request.realToken && acceptedWrite(outcome)).length;
      const refusals = outcomes.filter((outcome) => !accepted(outcome));
      // An accepted write hides what the refusals beside it did: they go again at the end, among refusals only.
      if (outcomes.some(acceptedWrite)) hidden.push(...refusals.map((outcome) => outcome.request));
      else expect(writes, `refusals wrote:\n${refusals.map(describeRequest).join('\n')}`).toEqual([]);
    }
    for (const group of inGroups(hidden)) {
      const { outcomes, writes } = await sendAll(group);
      expect(outcomes.filter(accepted).map(describeRequest), 'refused once, accepted when sent again').toEqual([]);
      expect(writes, `refusals wrote:\n${outcomes.map(describeRequest).join('\n')}`).toEqual([]);
    }

    // The generators reach both sides: refusals of every kind, and accepted requests whose markup went into stored data.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(requests.length / 4);
    expect([...statuses.keys()].some((status) => status < 300)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(colleaguesAdded, 'colleagues added through the real link').toBeGreaterThan(0);

    const emails = await queuedEmails();
    const withMarkup = emails.filter(({ item }) => markupPayloads.some((payload) => JSON.stringify(item.data).includes(JSON.stringify(payload).slice(1, -1))));
    expect(withMarkup.length, 'accepted requests queued emails holding markup').toBeGreaterThan(0);
    for (const { item, rendered } of emails) {
      expect(unescapedMarkup(rendered.html), `${item.template}: ${rendered.html.slice(0, 500)}`).toBeUndefined();
      expect(rendered.subject, item.template).not.toMatch(/[\r\n]/);
    }
    console.info(`hostile input: ${requests.length} requests (+${hidden.length} sent again), statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${emails.length} emails queued (${withMarkup.length} with markup), ${colleaguesAdded} colleagues added`);

    if (updatingReliability) writeReliabilitySection('hostile-input', 'Hostile input (issue 12, item 6)', requestsTable());
    expect(reliabilitySection('hostile-input'), 'run with UPDATE_RELIABILITY=1 to regenerate test/RELIABILITY.md').toBe(requestsTable());
  });
});
