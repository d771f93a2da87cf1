import { GatewayRefusal } from './gateway-answers.js';

export interface RequestTarget {
  /** Still percent-encoded, as API Gateway's `rawPath`. */
  path: string;
  /** Without the `?`, as API Gateway's `rawQueryString`. */
  rawQuery: string;
  query: URLSearchParams;
}

const malformed = () => new GatewayRefusal(400, 'BAD_REQUEST', 'The request is malformed.');

// A host name (underscores allowed, as container names have them) or an IP literal, with an optional port; `a b` or `a/b` is no Host.
const validHost = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?)(?::\d{1,5})?$/;

/**
 * The path and query of a request line. The Host header plays no part (a
 * malformed one is refused, never parsed into a URL), so nothing a client
 * sends there can throw.
 */
export function parseRequestTarget(target: string | undefined, host: string | undefined): RequestTarget {
  if (host !== undefined && !validHost.test(host)) throw malformed();
  let url: URL;
  try {
    // Origin-form (`/path?query`) is resolved against a fixed origin, so `//x` stays a path; absolute-form is parsed as is.
    url = target?.startsWith('/') ? new URL(`http://localhost${target}`) : new URL(target ?? '');
  } catch {
    throw malformed();
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw malformed();
  return { path: url.pathname, rawQuery: url.search.replace(/^\?/, ''), query: url.searchParams };
}
