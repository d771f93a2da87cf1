import { createHmac } from 'node:crypto';

/**
 * The token of an address's preference links: an HMAC of the address under a
 * key kept outside the table. The same address always gets the same token, so
 * nothing needs to store it; the table keeps only its hash (for the lookup).
 * 192 bits, base64url; the purpose label keeps it single-purpose.
 */
export function preferencesLinkToken(key: string, normalisedEmail: string): string {
  return createHmac('sha256', key).update(`preferences-link\n${normalisedEmail}`).digest().subarray(0, 24).toString('base64url');
}
