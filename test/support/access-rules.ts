import type { Access, RouteContract } from '../../shared/http/route.js';
import type { TokenHolder } from './token-cases.js';

/** Reads that stay with admins (product.md, Administration): the audit log and data subject exports. */
const adminOnlyReads = [/^\/admin\/audit(\/|$)/, /^\/admin\/contacts\/\{[^}]+\}\/export$/];

/**
 * The access product.md gives a route: everything under /admin/ needs a
 * token; viewers read everything admins read except the audit log and data
 * subject exports, and change nothing; the rest (forms, emailed links) is public.
 */
export function accessProductGives(route: Pick<RouteContract, 'method' | 'path'>): Access {
  if (!route.path.startsWith('/admin/')) return 'public';
  if (route.method !== 'GET') return 'admin';
  return adminOnlyReads.some((pattern) => pattern.test(route.path)) ? 'admin' : 'viewer';
}

export type Outcome = 'unauthorized' | 'forbidden' | 'allowed';

/** What a holder of the token gets from a route of this access. */
export function expectedOutcome(access: Exclude<Access, 'public'>, holder: TokenHolder): Outcome {
  if (holder === 'invalid') return 'unauthorized';
  if (holder === 'admin' || (holder === 'viewer' && access === 'viewer')) return 'allowed';
  return 'forbidden';
}

/** 401 and 403 are the refusals; any other answer (a 400 or 404 from the handler too) shows the request got past both checks. */
export const outcomeOf = (status: number): Outcome => (status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'allowed');
