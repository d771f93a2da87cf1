import { applicationDependencies } from '../shared/composition/applications.js';
import { eventDependencies } from '../shared/composition/events.js';
import { submitApplicationBody } from '../shared/contracts/application-input.js';
import { submitApplication } from '../shared/domain/applications/submit-application.js';
import { verifyApplication } from '../shared/domain/applications/verify-application.js';
import { createEvent } from '../shared/domain/events/create-event.js';
import { randomIds } from '../shared/platform/ids.js';
import { applicationBody } from '../test/support/organisations.js';
import { percentile } from './statistics.js';
import { rawTwin, recordCalls } from './raw-replay.js';
import { invitedTokens } from './invited-tokens.js';
import { metered, type Metered } from './meter.js';

/**
 * Request overhead (issue 13, item 2): each route through the local HTTP API
 * (routing, token check, API Gateway event, middy, contract, use case,
 * ElectroDB) against the raw DynamoDB calls its use case made, replayed right
 * after each request (raw-replay.ts). Sequential requests, after a warm-up,
 * like a warm Lambda.
 */
export interface RouteOverhead {
  route: string;
  requests: number;
  p50: number;
  p99: number;
  rawP50: number;
  rawP99: number;
  /** DynamoDB calls per request. */
  calls: number;
  /** Median of the route's time over its own raw calls' time. */
  ratio: number;
  usage: Metered;
}

export interface BenchApi {
  baseUrl: string;
  adminToken: string;
}

const warmUp = 5;

async function submittedApplications(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    let token = '';
    const ids_ = { newId: randomIds.newId, newToken: () => (token = randomIds.newToken()) };
    const { applicationId } = await submitApplication(submitApplicationBody.parse(applicationBody()), undefined, { ...applicationDependencies, ids: ids_ });
    await verifyApplication(token, applicationDependencies);
    ids.push(applicationId);
  }
  return ids;
}

/** An event far ahead with room for everyone, and RSVP tokens of `count` invitees made through the use case the invitation run calls. */
async function rsvpTokens(count: number): Promise<string[]> {
  const event = await createEvent(
    {
      title: { pl: 'Forum (bench)', en: 'Forum (bench)' },
      description: { pl: 'Pomiar.', en: 'Measurement.' },
      type: 'conference',
      start: '2030-01-21T10:00',
      end: '2030-01-21T15:00',
      rsvpDeadline: '2030-01-14T23:59',
      venue: 'Wrocław',
      capacity: count + 10,
      audience: { scope: 'all' },
      extraInvitees: [],
    },
    { subject: 'bench' },
    eventDependencies,
  );
  const invitees = Array.from({ length: count }, (_, index) => ({ inviteeId: `bench-${index}-${randomIds.newId()}`, email: `rsvp-${index}-${randomIds.newId()}@bench.example`, name: `Gość ${index}`, language: 'pl' as const }));
  return invitedTokens(event, invitees);
}

/** Measures the three routes, `count` requests each (plus a warm-up of 5). */
export async function measureRequestOverhead(api: BenchApi, count: number): Promise<RouteOverhead[]> {
  const toApprove = await submittedApplications(count + warmUp);
  const tokens = await rsvpTokens(count + warmUp);
  const twin = await rawTwin();
  const json = (method: string, path: string, body?: unknown, token?: string) => () =>
    fetch(`${api.baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const routes: Array<{ route: string; request: () => () => Promise<Response> }> = [
    { route: 'POST /applications', request: () => json('POST', '/applications', applicationBody()) },
    {
      route: 'POST /rsvp/{token} (accept)',
      request: () => () => fetch(`${api.baseUrl}/rsvp/${tokens.pop()}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'response=accept' }),
    },
    { route: 'POST /admin/applications/{id}/approve', request: () => json('POST', `/admin/applications/${toApprove.pop()}/approve`, undefined, api.adminToken) },
  ];
  const results: RouteOverhead[] = [];
  try {
    for (const { route, request } of routes) {
      const times: number[] = [];
      const raw: number[] = [];
      const calls: number[] = [];
      const { usage } = await metered(async () => {
        for (let index = 0; index < count + warmUp; index += 1) {
          const send = request();
          const recorded = await recordCalls(async () => {
            const response = await send();
            await response.arrayBuffer();
            if (response.status >= 400) throw new Error(`${route}: HTTP ${response.status}`);
          });
          const rawMs = await twin.replay(recorded.calls);
          if (index < warmUp) continue;
          times.push(recorded.ms);
          raw.push(rawMs);
          calls.push(recorded.calls.length);
        }
      });
      const p50 = percentile(times, 50);
      const rawP50 = percentile(raw, 50);
      results.push({ route, requests: count, p50, p99: percentile(times, 99), rawP50, rawP99: percentile(raw, 99), calls: percentile(calls, 50), ratio: p50 / rawP50, usage });
    }
  } finally {
    twin.close();
  }
  return results;
}
