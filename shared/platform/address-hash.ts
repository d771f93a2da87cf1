import { createHmac } from 'node:crypto';

/**
 * An address's keyed hash: HMAC-SHA-256 under the link-signing key, for the
 * one purpose `erased-address`. The audit log names a data subject request's
 * address by it, and an erasure keeps only it, as a suppression the mailer
 * checks. Keyed, so a list of guessed addresses cannot be matched against a
 * table export without the key; only functions granted the key (the mailer
 * and the data subject functions) can compute it.
 */
export function addressHash(key: string, normalisedAddress: string): string {
  return createHmac('sha256', key).update(`erased-address\n${normalisedAddress}`).digest('base64url');
}
