import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { issueLocalToken } from '../../infra/local/local-issuer.js';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { config } from '../../shared/config.js';
import { routeContracts } from '../../shared/contracts/registry.js';
import type { RouteContract } from '../../shared/http/route.js';
import { useLocalApi } from '../support/local-api.js';
import { applicationBody, asForm } from '../support/organisations.js';

/**
 * What a hostile or careless client sends, generated from every route's
 * contract with a fixed seed: arbitrary JSON, valid bodies with one field
 * replaced by something strange, form and multipart bodies, broken
 * percent-encoding, odd headers. Whatever arrives: no 5xx, every refusal in
 * the error shape (or an HTML page for a person's browser), and a refused
 * request writes nothing.
 */
const api = useLocalApi();
const seed = 20_261_129;
const requestsPerRun = 2_200;

const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function itemCount(): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new ScanCommand({ TableName: config.TABLE_NAME, Select: 'COUNT', ConsistentRead: true, ExclusiveStartKey: startKey }));
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

const strangeString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', 'a\r\nBcc: evil@example.com', '%', '%ZZ', '%E0%A4%A', '<script>alert(1)</script>', '__proto__', '../../etc/passwd', 'é'.repeat(3000), 'x'.repeat(70_000), '526-000-12-46'),
);
const strangeValue: fc.Arbitrary<unknown> = fc.oneof(
  strangeString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER, [], {}),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.constantFrom('it', 'tourism', 'nope'), { maxLength: 300 }),
);

/** Paths of a valid application body's leaves, to replace one at a time. */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, [...prefix, key]));
}

function withReplaced(body: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = { ...(body as Record<string, unknown>) };
  copy[path[0]!] = withReplaced(copy[path[0]!], path.slice(1), replacement);
  return copy;
}

const template = applicationBody();
const mutatedApplication = fc
  .tuple(fc.constantFrom(...leafPaths(template), ['organisation'], ['consents'], ['extra'], []), strangeValue)
  .map(([path, value]) => withReplaced(applicationBody(), path, value));

const jsonBody = fc.oneof(
  { weight: 3, arbitrary: mutatedApplication },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('reason', 'List-Unsubscribe', 'form', 'events', 'grants', 'token', 'status'), strangeValue) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, 0, '', [], { reason: 'ok reason' }, { 'List-Unsubscribe': 'One-Click' }) },
);

type Body = { contentType?: string; body?: string | Uint8Array };

const encodedBody: fc.Arbitrary<Body> = fc.oneof(
  jsonBody.map((value) => ({ contentType: 'application/json', body: JSON.stringify(value) ?? 'null' })),
  fc
    .tuple(mutatedApplication, fc.boolean())
    .map(([value, asPage]) => {
      const form = new URLSearchParams();
      const flat = asPage ? asForm(applicationBody()) : Object.fromEntries(leafPaths(value).map((path) => [path.join('.'), String(path.reduce<any>((at, key) => at?.[key], value))]));
      for (const [name, item] of Object.entries(flat)) for (const each of [item].flat()) form.append(name, each);
      return { contentType: 'application/x-www-form-urlencoded', body: form.toString() };
    }),
  fc.dictionary(strangeString, strangeString, { maxKeys: 5 }).map((fields) => ({ contentType: 'application/x-www-form-urlencoded', body: new URLSearchParams(fields).toString() })),
  fc.tuple(strangeString, strangeString).map(([name, value]) => ({
    contentType: 'multipart/form-data; boundary=b0undary',
    body: `--b0undary\r\nContent-Disposition: form-data; name="${name.replace(/["\r\n]/g, '')}"\r\n\r\n${value}\r\n--b0undary--\r\n`,
  })),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ contentType: 'application/json', body: bytes })),
  fc.constantFrom<Body>({}, { contentType: 'text/plain', body: 'hello' }, { contentType: 'application/json', body: '{"a":' }, { contentType: 'application/json', body: '\u00ff' }),
);

const pathSegment = fc.oneof(
  fc.string({ minLength: 1, maxLength: 80 }).map(encodeURIComponent),
  fc.constantFrom('%E0%A4%A', '%FF', '%', '%ZZ', 'a%2Fb', '..', 'x'.repeat(300), 'APPLICATION#1', '00000000-0000-0000-0000-000000000000'),
);

const queryString = fc
  .array(fc.tuple(fc.constantFrom('status', 'cursor', 'limit', 'token', 'category', 'lang', 'type', 'interest', 'submitted', 'x'), fc.oneof(strangeString, fc.constantFrom('e30', 'SUBMITTED', 'FAILED', 'events', 'en', '-1', '1000'))), { maxLength: 4 })
  .map((pairs) => pairs.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&'));

const request = fc.record({
  route: fc.constantFrom(...routeContracts),
  params: fc.array(pathSegment, { minLength: 3, maxLength: 3 }),
  query: queryString,
  body: encodedBody,
  accept: fc.constantFrom('application/json', 'text/html,application/xhtml+xml', '*/*'),
  idempotencyKey: fc.option(strangeString.map((value) => value.replace(/[^\t\x20-\x7e]/g, '')), { nil: undefined }),
});

function pathOf(route: RouteContract, params: string[]): string {
  let index = 0;
  return route.path.replace(/\{\w+\}/g, () => params[index++]!);
}

describe('hostile input, generated from every route contract', () => {
  it(`${requestsPerRun} generated requests: no 5xx, the error shape on every refusal, nothing written by a refusal`, { timeout: 600_000 }, async () => {
    const adminToken = await issueLocalToken({ role: 'admin' });
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ route, params, query, body, accept, idempotencyKey }) => {
        const headers: Record<string, string> = { accept };
        if (route.access !== 'public') headers.authorization = `Bearer ${adminToken}`;
        if (body.contentType) headers['content-type'] = body.contentType;
        if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
        const path = `${pathOf(route, params)}${query ? `?${query}` : ''}`;
        const write = writes.has(route.method);
        const before = write ? await itemCount() : 0;
        const response = await fetch(`${api.baseUrl()}${path}`, { method: route.method, headers, body: route.method === 'GET' ? undefined : body.body, redirect: 'manual' });
        const text = await response.text();
        seen.set(`${response.status}`, (seen.get(`${response.status}`) ?? 0) + 1);

        expect(response.status, `${route.method} ${path} → ${text.slice(0, 300)}`).toBeLessThan(500);
        if (response.status >= 400) {
          const contentType = response.headers.get('content-type') ?? '';
          if (contentType.includes('text/html')) {
            expect(text).toMatch(/^<!doctype html>/i);
          } else {
            const json = JSON.parse(text) as { error?: { code: unknown; message: unknown }; message?: unknown };
            // API Gateway's own answer to an unknown route is `{"message"}`; everything of ours is the error shape.
            if (json.error) {
              expect(typeof json.error.code).toBe('string');
              expect(typeof json.error.message).toBe('string');
            } else {
              expect(response.status).toBe(404);
              expect(json).toEqual({ message: 'Not Found' });
            }
          }
          if (write) expect(await itemCount(), `${route.method} ${path} was refused but wrote`).toBe(before);
        }
      }),
      { seed, numRuns: requestsPerRun, endOnFailure: true },
    );
    // The generator reaches both sides: accepted requests and refusals.
    expect([...seen.keys()].some((status) => Number(status) < 300)).toBe(true);
    expect(seen.get('400') ?? 0).toBeGreaterThan(requestsPerRun / 10);
  });
});
