import { pageContentSecurityPolicy } from '../pages/content-security-policy.js';
import type { HttpResult } from './responses.js';

/** On every answer, HTML or not (an API answer opened in a browser is a page too). */
const common: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  // Links in emails carry tokens in their paths: a page must never pass its URL on to another site.
  'referrer-policy': 'no-referrer',
  // Browsers keep it only from HTTPS answers, i.e. from API Gateway; over the local twin's HTTP it is ignored.
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-frame-options': 'DENY',
  // The pages use none of these; a script that got in still could not ask for them.
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Answers that are not pages load nothing at all. */
const dataPolicy = "default-src 'none'; frame-ancestors 'none'";

export function withSecurityHeaders(result: HttpResult): HttpResult {
  const headers: Record<string, string> = { ...common, ...result.headers };
  const contentType = headers['content-type'] ?? '';
  headers['content-security-policy'] ??= contentType.startsWith('text/html') ? pageContentSecurityPolicy : dataPolicy;
  // Answers carry personal data or tokens: no shared cache may keep them.
  headers['cache-control'] ??= 'no-store';
  return { ...result, headers };
}
