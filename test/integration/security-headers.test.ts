import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { httpRoutes } from '../../infra/manifest-types.js';
import { manifest } from '../../infra/manifest.js';
import type { RouteContract } from '../../shared/http/route.js';
import { useLocalApi, type Answer } from '../support/local-api.js';

/**
 * Item 8 of issue 12: every public route's answers carry the security
 * headers, pages a Content-Security-Policy that names their inline style and
 * script by hash, and answers to URLs with a token are never cached nor passed
 * on as a referrer. The routes come from the manifest, so a new one is checked
 * without editing this file.
 */
const api = useLocalApi();
const publicRoutes = httpRoutes(manifest).filter(({ route }) => route.access === 'public').map(({ route }) => route);
const madeUpToken = 'made-up-token-that-never-existed';

const carriesToken = (route: RouteContract) => route.path.includes('{token}') || route.operationId.toLowerCase().includes('verif');

function pathOf(route: RouteContract): string {
  const path = route.path.replace(/\{\w+\}/g, madeUpToken);
  return route.path === '/applications/verify' && route.method === 'GET' ? `${path}?token=${madeUpToken}` : path;
}

/** What a browser sends: a GET, or its form's POST with an empty form. */
const asBrowser = (route: RouteContract) =>
  api.call(route.method, pathOf(route), {
    headers: { accept: 'text/html,application/xhtml+xml', ...(route.method === 'GET' ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
  });

const inlineBlocks = (html: string, tag: 'style' | 'script') => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => match[1]!);
const sha256Source = (content: string) => `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;

function expectCommonHeaders(answer: Answer, what: string) {
  expect(answer.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(answer.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(answer.headers.get('strict-transport-security'), what).toBe('max-age=63072000; includeSubDomains');
  expect(answer.headers.get('x-frame-options'), what).toBe('DENY');
  expect(answer.headers.get('permissions-policy'), what).toBe('camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  expect(answer.headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(answer.headers.get('cross-origin-resource-policy'), what).toBe('same-origin');
}

function directives(policy: string | null): Map<string, string[]> {
  return new Map((policy ?? '').split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

function expectStrictPagePolicy(answer: Answer, what: string) {
  const policy = answer.headers.get('content-security-policy');
  expect(policy, what).not.toContain('unsafe-inline');
  expect(policy, what).not.toContain('unsafe-eval');
  const byName = directives(policy);
  expect(byName.get('default-src'), what).toEqual(["'none'"]);
  expect(byName.get('form-action'), what).toEqual(["'self'"]);
  expect(byName.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(byName.get('base-uri'), what).toEqual(["'none'"]);
  // Only hashes: no host, scheme or keyword would let anything else in.
  for (const name of ['style-src', 'script-src']) for (const source of byName.get(name) ?? []) expect(source, `${what}: ${name}`).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
  // Every inline block of the page is one the policy names.
  for (const tag of ['style', 'script'] as const) {
    for (const block of inlineBlocks(answer.text, tag)) expect(byName.get(`${tag}-src`), `${what}: its <${tag}>`).toContain(sha256Source(block));
  }
}

describe('security headers on every public route', () => {
  it.for(publicRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))('%s', async ([name, route]) => {
    const answer = await asBrowser(route);
    expect(answer.status, `${name}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
    expectCommonHeaders(answer, name);
    if (answer.headers.get('content-type')?.startsWith('text/html')) expectStrictPagePolicy(answer, name);
    else expect(answer.headers.get('content-security-policy'), name).toBe("default-src 'none'; frame-ancestors 'none'");
    if (carriesToken(route)) {
      expect(answer.headers.get('cache-control'), name).toBe('no-store');
      expect(answer.headers.get('referrer-policy'), name).toBe('no-referrer');
    }
  });

  it('the pages with inline script and style (the form in both languages, with errors, the statement) are covered by the policy’s hashes', async () => {
    for (const path of ['/apply', '/apply?lang=en', '/accessibility?lang=en']) {
      const answer = await api.call('GET', path);
      expect(answer.status, path).toBe(200);
      expect(inlineBlocks(answer.text, 'style'), path).toHaveLength(1);
      expectCommonHeaders(answer, path);
      expectStrictPagePolicy(answer, path);
    }
    for (const lang of ['pl', 'en']) {
      const refused = await api.call('POST', '/applications', { form: { language: lang }, headers: { accept: 'text/html' } });
      expect(refused.status).toBe(400);
      expect(inlineBlocks(refused.text, 'script'), lang).toHaveLength(1);
      expectStrictPagePolicy(refused, `refused form (${lang})`);
    }
  });

  it('JSON answers and refusals carry the headers too, with a policy that loads nothing', async () => {
    for (const answer of [await api.call('GET', '/health'), await api.call('POST', '/applications', { json: {} }), await api.call('GET', '/admin/applications', { role: 'none' })]) {
      expect(answer.headers.get('content-type')).toContain('application/json');
      expectCommonHeaders(answer, answer.text);
      expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
  });
});
