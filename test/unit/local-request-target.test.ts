import { describe, expect, it } from 'vitest';
import { GatewayRefusal } from '../../infra/local/gateway-answers.js';
import { parseRequestTarget } from '../../infra/local/request-target.js';

describe('the local API reading a request line', () => {
  it('takes any well-formed Host, and refuses a malformed one as the client’s error', () => {
    for (const host of ['localhost', 'localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'glokal_api:80', undefined]) {
      expect(parseRequestTarget('/health', host).path, host).toBe('/health');
    }
    for (const host of ['a b', 'a/b', '', 'a:b', 'x:3000:1']) {
      expect(() => parseRequestTarget('/health', host), host).toThrow(GatewayRefusal);
    }
  });

  it('keeps a path that starts with // a path, and resolves dot segments', () => {
    expect(parseRequestTarget('//evil.example/x?a=1', 'localhost')).toMatchObject({ path: '//evil.example/x', rawQuery: 'a=1' });
    expect(parseRequestTarget('/a/../health', 'localhost').path).toBe('/health');
  });

  it('reads an absolute-form target, and refuses one that is no http URL', () => {
    expect(parseRequestTarget('http://localhost:3000/health?x=%', 'localhost')).toMatchObject({ path: '/health', rawQuery: 'x=%' });
    for (const target of ['*', 'mailto:a@b.c', '']) expect(() => parseRequestTarget(target, 'localhost'), target).toThrow(GatewayRefusal);
  });
});
