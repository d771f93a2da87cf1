import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { httpRoutes } from '../../infra/manifest-types.js';
import { manifest } from '../../infra/manifest.js';
import { issueLocalToken } from '../../infra/local/local-issuer.js';
import { useLocalApi } from '../support/local-api.js';

const api = useLocalApi();

describe('platform routes through the local API', () => {
  it('GET /health answers ok with security headers', async () => {
    const answer = await api.call('GET', '/health');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ status: 'ok' });
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('unknown paths get API Gateway’s 404', async () => {
    const answer = await api.call('GET', '/nowhere');
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ message: 'Not Found' });
  });

  it('GET /openapi.json is a valid OpenAPI 3.1 document listing every manifest route', async () => {
    const answer = await api.call('GET', '/openapi.json');
    expect(answer.status).toBe(200);
    const validator = new Validator();
    const result = await validator.validate(answer.json);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    for (const { route } of httpRoutes(manifest)) {
      expect(answer.json.paths[route.path]?.[route.method.toLowerCase()]?.operationId).toBe(route.operationId);
    }
  });
});

describe('admin access like API Gateway and Cognito', () => {
  it('401 without a token', async () => {
    const answer = await api.call('GET', '/admin/applications');
    expect(answer.status).toBe(401);
  });

  it('401 with a token that is expired or not signed by the issuer', async () => {
    const expired = await issueLocalToken({ role: 'admin', ttlSeconds: -60 });
    expect((await api.call('GET', '/admin/applications', { token: expired })).status).toBe(401);
    const valid = await issueLocalToken({ role: 'admin' });
    const tampered = `${valid.slice(0, -4)}AAAA`;
    expect((await api.call('GET', '/admin/applications', { token: tampered })).status).toBe(401);
  });

  it('403 with a valid token that lacks the role, in the error shape', async () => {
    const answer = await api.call('GET', '/admin/applications', { role: 'none' });
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
  });

  it('200 for admins and viewers on a read route', async () => {
    for (const role of ['admin', 'viewer'] as const) {
      const answer = await api.call('GET', '/admin/applications', { role });
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ items: [] });
    }
  });

  it('400 naming the field for a bad query parameter', async () => {
    const answer = await api.call('GET', '/admin/applications?status=MAYBE&limit=0', { role: 'admin' });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('VALIDATION_FAILED');
    expect(answer.json.error.fields.map((field: { path: string }) => field.path).sort()).toEqual(['limit', 'status']);
  });

  it('400 for a cursor the API never issued', async () => {
    const answer = await api.call('GET', '/admin/applications?cursor=nonsense', { role: 'admin' });
    expect(answer.status).toBe(400);
    expect(answer.json.error.fields).toEqual([{ path: 'cursor', message: expect.any(String) }]);
  });
});
