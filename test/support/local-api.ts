import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { manifest } from '../../infra/manifest.js';
import { createLocalApi } from '../../infra/local/http-server.js';
import { issueLocalToken, type LocalRole } from '../../infra/local/local-issuer.js';

export interface CallOptions {
  role?: LocalRole;
  token?: string;
  json?: unknown;
  form?: Record<string, string | string[]>;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/**
 * The local HTTP API on a free port for one test file: requests go through the
 * same routing, token check and API Gateway event as `npm start`; `accessLog`
 * receives its access log lines (route templates and statuses).
 */
export function useLocalApi(accessLog?: (line: string) => void) {
  const server = createLocalApi(manifest, accessLog);
  let baseUrl = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  return { call: apiCaller(() => baseUrl), baseUrl: () => baseUrl };
}

/** Calls an API at a base URL (the test's own server, or a local stack started as `npm start`), with a local token for the role. */
export function apiCaller(baseUrl: () => string) {
  return async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token ?? (options.role ? await issueLocalToken({ role: options.role }) : undefined);
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(options.form)) for (const item of [value].flat()) params.append(name, item);
      body = params.toString();
    }
    const response = await fetch(`${baseUrl()}${path}`, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  };
}
