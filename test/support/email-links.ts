import { httpRoutes } from '../../infra/manifest-types.js';
import { manifest } from '../../infra/manifest.js';
import type { RouteContract } from '../../shared/http/route.js';
import type { SentEmail } from './mailbox.js';

/** One link an email carries, where it points among the manifest's routes, and the token it holds (if any). */
export interface EmailLink {
  url: URL;
  /** The GET route of the manifest the link opens; undefined for a link outside the API (a funding call's own site). */
  route?: RouteContract;
  /** The secret in the link: the route's `{token}` path parameter or its `token` query parameter. */
  token?: string;
  /** Where the link was found: the HTML part, the text part, a header, an attachment. */
  foundIn: string;
}

const getRoutes = httpRoutes(manifest)
  .map(({ route }) => route)
  .filter((route) => route.method === 'GET');

/** The route template as a pattern whose named groups are its path parameters. */
function patternOf(route: RouteContract): RegExp {
  const segments = route.path.split('/').map((segment) => {
    const parameter = /^\{(\w+)\+?\}$/.exec(segment)?.[1];
    return parameter ? `(?<${parameter}>[^/]+)` : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${segments.join('/')}$`);
}

/** Which manifest route a URL of the public base address opens, and its token. */
export function classify(url: URL, publicBaseUrl: string): Pick<EmailLink, 'route' | 'token'> {
  const base = new URL(publicBaseUrl);
  if (url.origin !== base.origin) return {};
  for (const route of getRoutes) {
    const match = patternOf(route).exec(url.pathname);
    if (!match) continue;
    const token = match.groups?.token !== undefined ? decodeURIComponent(match.groups.token) : (url.searchParams.get('token') ?? undefined);
    return { route, token };
  }
  return {};
}

const unescapeHtml = (text: string) => text.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>');

/** Every URL in an email: `href`s of its HTML, URLs of its text, its List-Unsubscribe header and its calendar attachments. */
export function linksIn(email: Pick<SentEmail, 'body' | 'headers' | 'attachments'>, publicBaseUrl: string): EmailLink[] {
  const found: Array<{ href: string; foundIn: string }> = [];
  for (const match of (email.body.html ?? '').matchAll(/href="([^"]*)"/g)) found.push({ href: unescapeHtml(match[1]!), foundIn: 'html' });
  for (const match of (email.body.text ?? '').matchAll(/https?:\/\/[^\s<>"')]+/g)) found.push({ href: match[0], foundIn: 'text' });
  for (const header of email.headers ?? []) {
    for (const match of header.value.matchAll(/<(https?:[^>]+)>/g)) found.push({ href: match[1]!, foundIn: `header ${header.name}` });
  }
  for (const attachment of email.attachments ?? []) {
    const text = attachment.contentType.startsWith('text/') ? Buffer.from(attachment.content, 'base64').toString('utf8').replace(/\r?\n[ \t]/g, '') : '';
    for (const match of text.matchAll(/https?:\/\/[^\s<>"]+/g)) found.push({ href: match[0], foundIn: `attachment ${attachment.contentType.split(';')[0]}` });
  }
  const links = new Map<string, EmailLink>();
  for (const { href, foundIn } of found) {
    if (href.startsWith('mailto:')) continue;
    const url = new URL(href);
    if (!links.has(url.href)) links.set(url.href, { url, foundIn, ...classify(url, publicBaseUrl) });
  }
  return [...links.values()];
}

/** Query parameters of a link that its page does not read (a stale name: the page would not get what the link meant). */
export function unknownQueryParameters(link: EmailLink): string[] {
  const known = Object.keys((link.route?.query as { shape?: object } | undefined)?.shape ?? {});
  return [...link.url.searchParams.keys()].filter((name) => !known.includes(name));
}
