import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { formToObject } from '../../shared/http/form-body.js';
import { parseGroups } from '../../shared/http/principal.js';
import { parseBody } from '../../shared/http/request-input.js';
import { validatePart } from '../../shared/http/validation.js';
import { ValidationError } from '../../shared/domain/errors.js';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

const event = (body: string, contentType: string, base64 = false) =>
  ({ body: base64 ? Buffer.from(body).toString('base64') : body, isBase64Encoded: base64, headers: { 'content-type': contentType } }) as unknown as APIGatewayProxyEventV2;

describe('form bodies', () => {
  it('nests dotted names and collects repeated keys into arrays', () => {
    expect(formToObject('organisation.name=Szko%C5%82a+Nr+1&organisation.address.city=Wroc%C5%82aw&interests=it&interests=tourism&one[]=x')).toEqual({
      organisation: { name: 'Szkoła Nr 1', address: { city: 'Wrocław' } },
      interests: ['it', 'tourism'],
      one: ['x'],
    });
  });

  it('drops keys that would reach the prototype', () => {
    const parsed = formToObject('__proto__.polluted=yes&constructor.prototype.x=1&ok=1');
    expect(parsed).toEqual({ ok: '1' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('parses JSON, form and base64-encoded bodies alike', () => {
    expect(parseBody(event('{"a":1}', 'application/json; charset=utf-8'))).toEqual({ a: 1 });
    expect(parseBody(event('a=1', 'application/x-www-form-urlencoded'))).toEqual({ a: '1' });
    expect(parseBody(event('{"a":2}', 'application/json', true))).toEqual({ a: 2 });
  });

  it('refuses malformed JSON with a field error and other media types with 415', () => {
    expect(() => parseBody(event('{oops', 'application/json'))).toThrow(ValidationError);
    expect(() => parseBody(event('<a/>', 'application/xml'))).toThrow(expect.objectContaining({ statusCode: 415 }));
  });
});

describe('validation errors', () => {
  it('names every failing field by its dotted path', () => {
    const schema = z.object({ organisation: z.object({ name: z.string().min(2), nip: z.string().regex(/^\d{10}$/) }), email: z.email() });
    try {
      validatePart(schema, { organisation: { name: 'x', nip: '12' }, email: 'nope' }, 'body');
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).fields.map((field) => field.path).sort()).toEqual(['email', 'organisation.name', 'organisation.nip']);
    }
  });
});

describe('group claims', () => {
  it('reads API Gateway’s flattened arrays and real arrays', () => {
    expect(parseGroups('[admins viewers]')).toEqual(['admins', 'viewers']);
    expect(parseGroups(['viewers'])).toEqual(['viewers']);
    expect(parseGroups(undefined)).toEqual([]);
  });
});
