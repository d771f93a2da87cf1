import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { httpRoutes } from '../../infra/manifest-types.js';
import { manifest } from '../../infra/manifest.js';
import { submitApplicationBody } from '../../shared/contracts/application-input.js';
import { rejectApplication } from '../../shared/contracts/applications.js';
import { interestCodes } from '../../shared/domain/organisations/reference-data.js';
import { ValidationError } from '../../shared/domain/errors.js';
import { InvalidEncodingError } from '../../shared/http/errors.js';
import { formToObject } from '../../shared/http/form-body.js';
import { parseBody, readRouteInput } from '../../shared/http/request-input.js';
import { validatePart } from '../../shared/http/validation.js';

type JsonSchema = Record<string, any>;

/** Every place in a JSON Schema where a value's own schema sits, with the path that leads there. */
function* subschemas(schema: JsonSchema, path: string): Generator<[string, JsonSchema]> {
  yield [path, schema];
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) yield* subschemas(property, `${path}.${name}`);
  if (schema.items) yield* subschemas(schema.items, `${path}[]`);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') yield* subschemas(schema.additionalProperties, `${path}{}`);
  for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) for (const [index, part] of ((schema[keyword] ?? []) as JsonSchema[]).entries()) yield* subschemas(part, `${path}|${index}`);
}

const inputs = httpRoutes(manifest).flatMap(({ route }) =>
  (['body', 'query', 'params', 'headers'] as const)
    .filter((part) => route[part])
    .map((part) => [`${route.method} ${route.path} ${part}`, z.toJSONSchema(route[part]!, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as JsonSchema] as const),
);

const validApplication = () => ({
  organisation: {
    name: 'Zespół Szkół nr 1',
    type: 'school',
    nip: '526-000-12-46',
    address: { street: 'ul. Kuźnicza 10', postalCode: '50-138', city: 'Wrocław', voivodeship: 'dolnoslaskie' },
  },
  contact: { name: 'Anna Kowalska', email: 'anna@example.test', phone: '+48 71 123 45 67', role: 'Dyrektor' },
  interests: ['it'],
  consents: { statute: true, dataProcessing: true },
});

const failingPaths = (schema: z.ZodType, value: unknown) => {
  try {
    validatePart(schema, value, 'body');
    return [];
  } catch (error) {
    return (error as ValidationError).fields.map((field) => field.path);
  }
};

describe('every contract bounds what it accepts', () => {
  it('found the inputs of every route', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(httpRoutes(manifest).length / 2);
  });

  it.each(inputs)('%s: every string has a maximum length, every array a maximum size, every number a maximum', (_name, schema) => {
    const unbounded: string[] = [];
    for (const [path, part] of subschemas(schema, '$')) {
      if ('enum' in part || 'const' in part) continue;
      if (part.type === 'string' && typeof part.maxLength !== 'number') unbounded.push(`${path} (string)`);
      if (part.type === 'array' && typeof part.maxItems !== 'number') unbounded.push(`${path} (array)`);
      if ((part.type === 'number' || part.type === 'integer') && typeof part.maximum !== 'number') unbounded.push(`${path} (number)`);
      if (part.type === 'object' && !part.properties && part.additionalProperties !== false) unbounded.push(`${path} (open object)`);
    }
    expect(unbounded).toEqual([]);
  });
});

describe('application interests', () => {
  it('are required, at least one, each known interest at most once', () => {
    expect(failingPaths(submitApplicationBody, { ...validApplication(), interests: undefined })).toEqual(['interests']);
    expect(failingPaths(submitApplicationBody, { ...validApplication(), interests: [] })).toEqual(['interests']);
    expect(failingPaths(submitApplicationBody, { ...validApplication(), interests: ['it', 'it'] })).toEqual(['interests']);
    expect(failingPaths(submitApplicationBody, { ...validApplication(), interests: [...interestCodes] })).toEqual([]);
    expect(failingPaths(submitApplicationBody, { ...validApplication(), interests: [...interestCodes, 'it'] })).toEqual(['interests']);
  });

  it('refuse 100,000 copies with one small answer, not one field per copy', () => {
    const started = Date.now();
    const fields = failingPaths(submitApplicationBody, { ...validApplication(), interests: Array.from({ length: 100_000 }, () => 'it') });
    expect(fields).toEqual(['interests']);
    const unknown = failingPaths(submitApplicationBody, { ...validApplication(), interests: Array.from({ length: 100_000 }, (_, index) => `x${index}`) });
    expect(unknown.length).toBeLessThanOrEqual(100);
    expect(unknown).toContain('interests');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('the document and the server agree on the application', () => {
  it('country may be left out and is PL', () => {
    const parsed = submitApplicationBody.parse(validApplication());
    expect(parsed.organisation.country).toBe('PL');
    expect(submitApplicationBody.parse({ ...validApplication(), organisation: { ...validApplication().organisation, country: '' } }).organisation.country).toBe('PL');
  });

  it('the two required consents accept only true (a ticked box), marketing any answer', () => {
    for (const refused of [false, 'false', '', 'yes', 1, null]) {
      expect(failingPaths(submitApplicationBody, { ...validApplication(), consents: { statute: refused, dataProcessing: true } })).toEqual(['consents.statute']);
    }
    expect(submitApplicationBody.parse({ ...validApplication(), consents: { statute: 'on', dataProcessing: 'true' } }).consents).toEqual({ statute: true, dataProcessing: true, marketing: false });
  });

  it('a body that is not an object is refused by the schema itself, never thrown from its refinements', () => {
    for (const value of [null, true, 0, '', [], 'x']) {
      expect(() => submitApplicationBody.safeParse(value)).not.toThrow();
      expect(submitApplicationBody.safeParse(value).success).toBe(false);
    }
  });
});

describe('control characters', () => {
  /** A foreign organisation: no checksum or postal format constrains these strings, only the rules under test. */
  const foreignApplication = () => {
    const body = validApplication();
    return { ...body, organisation: { ...body.organisation, country: 'DE', nip: undefined as string | undefined, registryNumber: 'DE123456789', website: 'https://example.de/' } };
  };
  type Body = ReturnType<typeof foreignApplication>;
  const singleLineFields: Array<[path: string, set: (body: Body, value: string) => void]> = [
    ['organisation.name', (body, value) => (body.organisation.name = value)],
    ['organisation.registryNumber', (body, value) => (body.organisation.registryNumber = value)],
    ['organisation.address.street', (body, value) => (body.organisation.address.street = value)],
    ['organisation.address.postalCode', (body, value) => (body.organisation.address.postalCode = value)],
    ['organisation.address.city', (body, value) => (body.organisation.address.city = value)],
    ['organisation.website', (body, value) => (body.organisation.website = `https://example.de/${value}`)],
    ['contact.name', (body, value) => (body.contact.name = value)],
    ['contact.role', (body, value) => (body.contact.role = value)],
  ];
  const evil = ['Sz\r\nBcc: e@x.pl', 'Szko\nła', 'Szko\rła', 'Szko\tła', 'Szko\u0000ła', 'Szko\u0085ła', 'Szko\u2028ła', 'Szko\u007Fła'];

  it('the base body is valid', () => {
    expect(failingPaths(submitApplicationBody, foreignApplication())).toEqual([]);
  });

  it.each(singleLineFields)('%s refuses CR/LF, tabs, NUL and the other control characters', (path, set) => {
    for (const value of evil) {
      const body = foreignApplication();
      set(body, value);
      expect(failingPaths(submitApplicationBody, body), JSON.stringify(value)).toEqual([path]);
      set(body, value.replace(/[\p{Cc}\u2028]/gu, ' '));
      expect(failingPaths(submitApplicationBody, body), JSON.stringify(value)).toEqual([]);
    }
  });

  it('contact.phone refuses line breaks its digit pattern would let through as white space', () => {
    for (const value of ['\r\n', '\n', '\t', '\u2028', '\v', '\f']) {
      const body = foreignApplication();
      body.contact.phone = `+48 71${value}123 45 67`;
      expect(failingPaths(submitApplicationBody, body), JSON.stringify(value)).toEqual(['contact.phone']);
    }
  });

  it('accepts Polish and other scripts in single-line fields', () => {
    const body = validApplication();
    body.organisation.name = 'Szkoła Podstawowa nr 1 im. Świętej Jadwigi – „Żak”';
    body.contact.name = 'Zoë Łukasiewicz-Ñúñez 李';
    expect(failingPaths(submitApplicationBody, body)).toEqual([]);
  });

  it('a rejection reason keeps its line breaks (CRLF from a textarea becomes LF) and refuses other control characters', () => {
    const schema = rejectApplication.body;
    expect(schema.parse({ reason: 'Brak statutu.\r\n\r\nProsimy o ponowne złożenie.\tDziękujemy.' }).reason).toBe('Brak statutu.\n\nProsimy o ponowne złożenie.\tDziękujemy.');
    expect(failingPaths(schema, { reason: 'Brak\u0000statutu' })).toEqual(['reason']);
    expect(failingPaths(schema, { reason: 'Brak\u001bstatutu' })).toEqual(['reason']);
    expect(failingPaths(schema, { reason: 'x'.repeat(2001) })).toEqual(['reason']);
  });
});

const event = (body: string | Buffer, contentType: string, headers: Record<string, string> = {}) =>
  ({
    body: Buffer.isBuffer(body) ? body.toString('base64') : body,
    isBase64Encoded: Buffer.isBuffer(body),
    headers: { 'content-type': contentType, ...headers },
  }) as unknown as APIGatewayProxyEventV2;

describe('body encoding', () => {
  const invalidUtf8 = Buffer.concat([Buffer.from('{"reason":"Szko'), Buffer.from([0xc5, 0x20]), Buffer.from('a"}')]);

  it('refuses bytes that are not UTF-8 instead of replacing them', () => {
    expect(() => parseBody(event(invalidUtf8, 'application/json'))).toThrow(InvalidEncodingError);
    expect(() => parseBody(event(Buffer.from([0x61, 0x3d, 0xff, 0xfe]), 'application/x-www-form-urlencoded'))).toThrow(InvalidEncodingError);
    expect(() => parseBody(event(Buffer.from([0xed, 0xa0, 0x80]), 'application/json'))).toThrow(InvalidEncodingError);
  });

  it('refuses percent-encoded bytes in a form that are not UTF-8, and JSON escapes that spell lone surrogates', () => {
    expect(() => formToObject('name=Szko%C5')).toThrow(InvalidEncodingError);
    expect(() => formToObject('name=%FF%FE')).toThrow(InvalidEncodingError);
    expect(() => formToObject('na%E0%A4me=x')).toThrow(InvalidEncodingError);
    expect(() => parseBody(event('{"reason":"\\ud800"}', 'application/json'))).toThrow(InvalidEncodingError);
    expect(() => parseBody(event('{"\\udc00":"x"}', 'application/json'))).toThrow(InvalidEncodingError);
    expect(() => parseBody(event('{"reason":"\ud800"}', 'application/json'))).toThrow(InvalidEncodingError);
  });

  it('reads valid UTF-8 in every form it arrives, as URLSearchParams would', () => {
    expect(parseBody(event(Buffer.from('{"name":"Szkoła 語 😀"}'), 'application/json'))).toEqual({ name: 'Szkoła 語 😀' });
    expect(parseBody(event(Buffer.from('\uFEFF{"a":1}'), 'application/json'))).toEqual({ a: 1 });
    expect(parseBody(event('{"emoji":"\\ud83d\\ude00"}', 'application/json'))).toEqual({ emoji: '😀' });
    for (const form of ['name=Szko%C5%82a+1&x=%ZZ&y=%&z=a%2', 'a=1&&b&=c&d==e', 'k=%F0%9F%98%80&k=%E8%AA%9E']) {
      expect(formToObject(form)).toEqual(Object.fromEntries(Object.entries(groupParams(new URLSearchParams(form)))));
    }
  });

  it('refuses a body that is not an object for every route with a body, naming the body', () => {
    for (const { route } of httpRoutes(manifest).filter(({ route }) => route.body)) {
      for (const value of ['null', 'true', '0', '""', '[]']) {
        try {
          readRouteInput(route, { ...event(value, 'application/json'), pathParameters: {}, queryStringParameters: {} } as APIGatewayProxyEventV2);
          expect.unreachable(`${route.operationId} accepted ${value}`);
        } catch (error) {
          expect(error, `${route.operationId} ${value}`).toBeInstanceOf(ValidationError);
          expect((error as ValidationError).fields).toContainEqual({ path: 'body', message: 'The body must be a JSON object.' });
        }
      }
    }
  });
});

function groupParams(params: URLSearchParams): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of params) {
    if (key === '') continue;
    const existing = result[key];
    result[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}
