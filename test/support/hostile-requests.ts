import fc from 'fast-check';
import type { RouteContract } from '../../shared/http/route.js';
import { applicationBody, asForm } from './organisations.js';

/**
 * What a hostile or careless client sends to the public routes (issue 12,
 * item 6), one generator per family so the report can say how many of each
 * a route got. Everything is generated from a fixed seed: a failing request
 * is printed whole and comes back on the next run.
 */

/** Markup that would run or break out of an attribute if a page or an email printed it as it came. */
export const markupPayloads = [
  '<script>alert("glokal-xss")</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</textarea><script>alert(2)</script>',
  '<a href="javascript:alert(3)">x</a>',
  '<iframe srcdoc="<script>alert(4)</script>">',
  '<style>body{display:none}</style>',
  '{{constructor.constructor("alert(5)")()}}<b>bold</b>',
] as const;

/** Strings that mean something to an interpreter somewhere behind a form. */
export const injectionPayloads = [
  "' OR '1'='1",
  '"; DROP TABLE members; --',
  '${7*7}',
  '{{7*7}}',
  '#{7*7}',
  '%s%s%s%n',
  'a\r\nBcc: evil@example.com',
  'x\r\n\r\n<html>injected',
  '../../../../etc/passwd',
  'attribute_exists(pk) OR begins_with(pk, :p)',
  'APPLICATION#00000000-0000-0000-0000-000000000000',
  '=HYPERLINK("http://evil.example","click")',
  '\u0000\u0001\u001f',
  '\u202e\u2066gnp.exe',
  '😀'.repeat(50),
] as const;

const pollutionKeys = ['__proto__', 'constructor', 'prototype'] as const;

/** Field names of the public forms besides the application's, so generated objects meet real fields. */
const knownFields = ['token', 'response', 'name', 'email', 'role', 'language', 'memberId', 'List-Unsubscribe', 'form', 'events', 'grants', 'homepage', 'idempotencyKey'];

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...markupPayloads, ...injectionPayloads, '', ' '),
);
const wrongType = fc.constantFrom<unknown>(0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2, true, false, [], {}, ['a'], { value: 'x' }, [null], '1', 'true');

/** Paths of a body's leaves, to replace one at a time. */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, [...prefix, key]));
}

function withReplaced(body: unknown, path: readonly string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = { ...(body as Record<string, unknown>) };
  copy[path[0]!] = withReplaced(copy[path[0]!], path.slice(1), replacement);
  return copy;
}

function withRemoved(body: unknown, path: readonly string[]): unknown {
  const copy = { ...(body as Record<string, unknown>) };
  if (path.length <= 1) delete copy[path[0]!];
  else copy[path[0]!] = withRemoved(copy[path[0]!], path.slice(1));
  return copy;
}

/** A JSON text nested `depth` deep, built as text: JSON.stringify of such a value would itself overflow. */
const nestedJson = (depth: number, open: string, close: string) => `${open.repeat(depth)}${close.repeat(depth)}`;

const template = applicationBody();
const applicationLeaves = leafPaths(template);
/** The application's free-text fields: what a person types and pages and emails print. */
const freeTextLeaves = [
  ['organisation', 'name'],
  ['organisation', 'address', 'street'],
  ['organisation', 'address', 'city'],
  ['organisation', 'website'],
  ['contact', 'name'],
  ['contact', 'role'],
] as const;

export type Family =
  | 'wrong types'
  | 'missing fields'
  | 'extra fields'
  | 'nulls'
  | 'huge strings and bodies'
  | 'deep nesting'
  | 'invalid UTF-8'
  | 'invalid percent-encoding'
  | 'prototype-pollution keys'
  | 'markup in every text field'
  | 'injection strings'
  | 'wrong content types'
  | 'arbitrary JSON';

export const families: readonly Family[] = [
  'wrong types',
  'missing fields',
  'extra fields',
  'nulls',
  'huge strings and bodies',
  'deep nesting',
  'invalid UTF-8',
  'invalid percent-encoding',
  'prototype-pollution keys',
  'markup in every text field',
  'injection strings',
  'wrong content types',
  'arbitrary JSON',
];

export interface Payload {
  family: Family;
  contentType?: string;
  body?: string | Uint8Array;
  /** Replaces the path parameters (already encoded), for the families that attack the path. */
  pathSegment?: string;
  /** Extra query string (already encoded). */
  query?: string;
}

const json = (family: Family, value: unknown, contentType = 'application/json'): Payload => ({ family, contentType, body: JSON.stringify(value) ?? 'null' });
const formOf = (fields: Record<string, string | string[]>) => {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(name, one);
  return form.toString();
};
const form = (family: Family, fields: Record<string, string | string[]>): Payload => ({ family, contentType: 'application/x-www-form-urlencoded', body: formOf(fields) });

/** A body for the route: the application's (valid with one thing wrong), or a small object of its own fields. */
function baseBody(route: RouteContract): Record<string, unknown> {
  if (route.path === '/applications') return applicationBody();
  if (route.path.startsWith('/rsvp/')) return { response: 'accept' };
  if (route.path.startsWith('/unsubscribe/')) return { 'List-Unsubscribe': 'One-Click' };
  if (route.path.startsWith('/colleagues/')) return { name: 'Ewa Zielińska', email: 'ewa@szkola.example.pl', role: 'Nauczycielka', language: 'pl' };
  if (route.path === '/applications/verify') return { token: 'a'.repeat(32) };
  return {};
}

const leavesOf = (route: RouteContract) => (route.path === '/applications' ? applicationLeaves : leafPaths(baseBody(route)).filter((path) => path.length > 0));
const asFormFields = (route: RouteContract, body: Record<string, unknown>): Record<string, string | string[]> =>
  route.path === '/applications'
    ? asForm(body as ReturnType<typeof applicationBody>)
    : Object.fromEntries(Object.entries(body).map(([key, value]) => [key, String(value)]));

const generators = new Map<RouteContract, fc.Arbitrary<Payload>>();

/** The payload generator for one route, every family weighted alike (built once per route: some of its constants are large). */
export function payloadFor(route: RouteContract): fc.Arbitrary<Payload> {
  if (!generators.has(route)) generators.set(route, generatorFor(route));
  return generators.get(route)!;
}

function generatorFor(route: RouteContract): fc.Arbitrary<Payload> {
  const leaves = leavesOf(route);
  const leaf = leaves.length > 0 ? fc.constantFrom(...leaves) : fc.constant(['x']);
  const base = () => baseBody(route);
  const byFamily: Record<Family, fc.Arbitrary<Payload>> = {
    'wrong types': fc.tuple(leaf, wrongType).map(([path, value]) => json('wrong types', withReplaced(base(), path, value))),
    'missing fields': fc.oneof(
      leaf.map((path) => json('missing fields', withRemoved(base(), path))),
      fc.constantFrom<Payload>(json('missing fields', {}), { family: 'missing fields' }, { family: 'missing fields', contentType: 'application/json', body: '' }),
      leaf.map((path) => {
        const fields = asFormFields(route, base());
        delete fields[path.join('.')];
        return form('missing fields', fields);
      }),
    ),
    'extra fields': fc
      .tuple(fc.dictionary(fc.oneof(fc.constantFrom(...knownFields, 'admin', 'role', 'status', 'pk', 'sk'), fc.string({ maxLength: 12 })), text, { minKeys: 1, maxKeys: 6 }), fc.boolean())
      .map(([extra, asJson]) => (asJson ? json('extra fields', { ...base(), ...extra }) : form('extra fields', { ...asFormFields(route, base()), ...extra }))),
    nulls: fc.oneof(
      leaf.map((path) => json('nulls', withReplaced(base(), path, null))),
      fc.constantFrom<Payload>(json('nulls', null), json('nulls', [null]), json('nulls', { organisation: null, contact: null })),
    ),
    'huge strings and bodies': fc.oneof(
      fc.tuple(leaf, fc.constantFrom(5_000, 70_000, 200_000), fc.constantFrom('x', 'é', '😀', '<')).map(([path, length, unit]) => json('huge strings and bodies', withReplaced(base(), path, unit.repeat(length)))),
      fc.constantFrom(300_000, 1_100_000).map((bytes): Payload => ({ family: 'huge strings and bodies', contentType: 'application/json', body: JSON.stringify({ name: 'x'.repeat(bytes) }) })),
      fc.constantFrom<Payload>({ family: 'huge strings and bodies', contentType: 'application/x-www-form-urlencoded', body: formOf({ name: 'a'.repeat(250_000) }) }),
      fc.constantFrom<Payload>({ family: 'huge strings and bodies', contentType: 'application/json', body: JSON.stringify({ ...base(), interests: Array.from({ length: 20_000 }, () => 'it') }) }),
    ),
    'deep nesting': fc.oneof(
      fc.constantFrom(100, 5_000, 60_000).chain((depth) =>
        fc.constantFrom<Payload>(
          { family: 'deep nesting', contentType: 'application/json', body: nestedJson(depth, '[', ']') },
          { family: 'deep nesting', contentType: 'application/json', body: nestedJson(depth, '{"a":', '}').replace(/\{"a":\}/, '{"a":1}') },
        ),
      ),
      fc.tuple(leaf, fc.constantFrom(50, 2_000)).map(([path, depth]) => ({
        family: 'deep nesting' as const,
        contentType: 'application/json',
        body: JSON.stringify(withReplaced(base(), path, '\u0001NEST\u0001')).replace('"\\u0001NEST\\u0001"', nestedJson(depth, '[', ']')),
      })),
      fc.constantFrom(20, 500).map((depth) => form('deep nesting', { [`${'organisation.'.repeat(depth)}name`]: 'x', [`a${'[b]'.repeat(depth)}`]: 'y' })),
    ),
    'invalid UTF-8': fc
      .tuple(fc.constantFrom([0xff], [0xc3, 0x28], [0xe0, 0xa4], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf]), fc.boolean(), leaf)
      .map(([bad, asJson, path]) => {
        const marker = 'BADBYTES';
        const text = asJson ? JSON.stringify(withReplaced(base(), path, marker)) : formOf({ ...asFormFields(route, base()), [path.join('.')]: marker });
        const [before, after] = text.split(marker);
        const encoder = new TextEncoder();
        return {
          family: 'invalid UTF-8' as const,
          contentType: asJson ? 'application/json' : 'application/x-www-form-urlencoded',
          body: Uint8Array.from([...encoder.encode(before ?? ''), ...bad, ...encoder.encode(after ?? '')]),
        };
      }),
    'invalid percent-encoding': fc.oneof(
      fc.constantFrom('%', '%Z', '%ZZ', '%E0%A4%A', '%FF', '%C3%28', '%00', '%2e%2e%2f', 'a%2Fb', '%25%', '%u0041', '%%32%65').map((bad) => ({ family: 'invalid percent-encoding' as const, pathSegment: `x${bad}y${'0'.repeat(12)}` })),
      fc.constantFrom('lang=%E0%A4%A', 'token=%', 'category=%ZZ', 'response=%FF', 'submitted=%C3%28', '%=%', 'lang=en&lang=%FF').map((query) => ({ ...json('invalid percent-encoding', base()), query })),
      fc.constantFrom('%', '%ZZ', '%E0%A4%A', '%FF%FE').chain((bad) =>
        leaf.map((path) => ({ family: 'invalid percent-encoding' as const, contentType: 'application/x-www-form-urlencoded', body: `${formOf(asFormFields(route, base()))}&${path.join('.')}=${bad}&${bad}=1` })),
      ),
    ),
    'prototype-pollution keys': fc.oneof(
      fc.tuple(fc.constantFrom(...pollutionKeys), fc.constantFrom([], ['organisation'], ['contact'], ['consents'])).map(([key, at]) => ({
        family: 'prototype-pollution keys' as const,
        contentType: 'application/json',
        // Written as text: an object literal's __proto__ would set the prototype instead of a key.
        body: JSON.stringify(withReplaced(base(), [...at, 'POLLUTE'], 1)).replace('"POLLUTE":1', `"${key}":{"polluted":"yes","prototype":{"polluted":"yes"}}`),
      })),
      fc.constantFrom(...pollutionKeys).map((key) => form('prototype-pollution keys', { ...asFormFields(route, base()), [`${key}.polluted`]: 'yes', [`organisation.${key}.polluted`]: 'yes', [`${key}[polluted]`]: 'yes', [key]: 'yes' })),
    ),
    'markup in every text field': fc
      .tuple(fc.constantFrom(...markupPayloads), fc.boolean(), fc.boolean())
      .map(([markup, asJson, alsoBreakOne]) => {
        const body = base();
        let marked: unknown = body;
        const textLeaves = route.path === '/applications' ? freeTextLeaves : leavesOf(route).filter((path) => typeof path.reduce<any>((at, key) => at?.[key], body) === 'string');
        for (const path of textLeaves) marked = withReplaced(marked, path, path.join('.').includes('website') ? `https://example.org/?q=${markup}` : markup);
        // With one field made invalid the page comes back with every value echoed into it.
        if (alsoBreakOne && route.path === '/applications') marked = withReplaced(marked, ['contact', 'email'], `${markup}@`);
        return asJson ? json('markup in every text field', marked) : form('markup in every text field', asFormFields(route, marked as Record<string, unknown>));
      }),
    'injection strings': fc.oneof(
      fc.tuple(leaf, fc.constantFrom(...injectionPayloads)).map(([path, value]) => json('injection strings', withReplaced(base(), path, value))),
      fc.tuple(leaf, fc.constantFrom(...injectionPayloads), fc.constantFrom<unknown>({ $ne: null }, { $gt: '' }, { S: 'x' })).map(([path, value, operator]) =>
        json('injection strings', withReplaced(withReplaced(base(), path, operator), ['extra'], value)),
      ),
      fc.constantFrom(...injectionPayloads).map((value) => ({ family: 'injection strings' as const, pathSegment: encodeURIComponent(`${value}-000000000000`) })),
      fc.tuple(fc.constantFrom('lang', 'category', 'response', 'token', 'submitted'), fc.constantFrom(...injectionPayloads)).map(([name, value]) => ({ ...json('injection strings', base()), query: `${name}=${encodeURIComponent(value)}` })),
    ),
    'wrong content types': fc.tuple(fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=b0undary', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded', 'application/json', 'image/png', ';;;', ''), fc.boolean()).map(([contentType, sendJson]) => ({
      family: 'wrong content types' as const,
      contentType: contentType || undefined,
      // A JSON body labelled as a form, a form labelled as JSON, or either labelled as something else.
      body: sendJson === contentType.startsWith('application/json') ? formOf(asFormFields(route, base())) : JSON.stringify(base()),
    })),
    'arbitrary JSON': fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((value) => json('arbitrary JSON', value)),
      fc.dictionary(fc.constantFrom(...knownFields), fc.oneof(text, wrongType), { maxKeys: 5 }).map((value) => json('arbitrary JSON', value)),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ family: 'arbitrary JSON' as const, contentType: 'application/json', body: bytes })),
    ),
  };
  return fc.oneof(...families.map((family) => byFamily[family]));
}
