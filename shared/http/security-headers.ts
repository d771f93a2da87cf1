import type { HttpResult } from './responses.js';

const common: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-frame-options': 'DENY',
};

// Pages ship their own small inline CSS and script; nothing is loaded from elsewhere.
const htmlPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export function withSecurityHeaders(result: HttpResult): HttpResult {
  const headers: Record<string, string> = { ...common, ...result.headers };
  const contentType = headers['content-type'] ?? '';
  headers['content-security-policy'] ??= contentType.startsWith('text/html') ? htmlPolicy : "default-src 'none'; frame-ancestors 'none'";
  // Answers carry personal data or tokens: no shared cache may keep them.
  headers['cache-control'] ??= 'no-store';
  return { ...result, headers };
}
