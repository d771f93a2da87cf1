import { createHmac, timingSafeEqual } from 'node:crypto';

/** A link's MAC: HMAC-SHA-256 of `value` under the link-signing key, labelled with its one purpose, cut to 192 bits. */
const linkMac = (key: string, purpose: string, value: string) => createHmac('sha256', key).update(`${purpose}\n${value}`).digest().subarray(0, 24);

/**
 * The token of an address's preference links: an HMAC of the address under a
 * key kept outside the table. The same address always gets the same token, so
 * nothing needs to store it; the table keeps only its hash (for the lookup).
 * 192 bits, base64url; the purpose label keeps it single-purpose.
 */
export function preferencesLinkToken(key: string, normalisedEmail: string): string {
  return linkMac(key, 'preferences-link', normalisedEmail).toString('base64url');
}

/**
 * The link to the colleagues form on the notification settings page: the
 * address's preferences token and a MAC of it for this one purpose. The
 * colleagues form refuses a bare preferences token (the unsubscribe link of
 * any member email, forwarded or not), and the settings page refuses this one.
 */
export function colleaguesPageToken(key: string, preferencesToken: string): string {
  return `${preferencesToken}.${linkMac(key, 'colleagues-page', preferencesToken).toString('base64url')}`;
}

/** The preferences token inside a colleagues page token whose MAC holds; undefined for any other token. */
export function preferencesTokenBehind(key: string, colleaguesToken: string): string | undefined {
  const [preferencesToken, signature, ...rest] = colleaguesToken.split('.');
  if (!preferencesToken || !signature || rest.length > 0) return undefined;
  const expected = linkMac(key, 'colleagues-page', preferencesToken);
  const given = Buffer.from(signature, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected) ? preferencesToken : undefined;
}
