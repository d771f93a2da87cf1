import { randomBytes } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { issueLocalToken, localAudience, localIssuer, localSigningKey } from '../../infra/local/local-issuer.js';

/**
 * Who a token makes the caller: `invalid` is refused by API Gateway's JWT
 * authorizer (and the local twin) with 401 before any function runs; the
 * others are valid tokens whose role the function checks.
 */
export type TokenHolder = 'invalid' | 'no role' | 'viewer' | 'admin';

export interface TokenCase {
  /** Column heading of the authorization matrix. */
  name: string;
  holder: TokenHolder;
  /** The Authorization header's token, or undefined for none at all. */
  token: () => Promise<string | undefined>;
}

const now = () => Math.floor(Date.now() / 1000);

/** An admin's claims, so that a refused token is refused for its one fault and not for a missing role. */
const adminClaims = (): JWTPayload => ({ email: 'admin@glokal.localhost', 'cognito:groups': ['admins'], token_use: 'id' });

/** A token that is the local issuer's in every respect but the ones `change` alters. */
function forged(change: { issuer?: string; audience?: string; issuedAt?: number; notBefore?: number; expiresAt?: number | null; key?: Uint8Array; alg?: string }) {
  return async () => {
    const issuedAt = change.issuedAt ?? now();
    let jwt = new SignJWT(adminClaims())
      .setProtectedHeader({ alg: change.alg ?? 'HS256' })
      .setSubject('local-forged-admin')
      .setIssuer(change.issuer ?? localIssuer)
      .setAudience(change.audience ?? localAudience)
      .setIssuedAt(issuedAt);
    if (change.expiresAt !== null) jwt = jwt.setExpirationTime(change.expiresAt ?? issuedAt + 3600);
    if (change.notBefore !== undefined) jwt = jwt.setNotBefore(change.notBefore);
    return jwt.sign(change.key ?? localSigningKey());
  };
}

/** An unsigned token (`alg: none`) carrying an admin's valid claims: accepted by a verifier that trusts the header. */
async function unsigned(): Promise<string> {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { ...adminClaims(), sub: 'local-forged-admin', iss: localIssuer, aud: localAudience, iat: now(), exp: now() + 3600 };
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

/**
 * The columns of the authorization matrix: every way a token can be wrong
 * (each refused with 401 before any function runs), a valid token without a
 * role, then the two roles.
 */
export const tokenCases: readonly TokenCase[] = [
  { name: 'no token', holder: 'invalid', token: async () => undefined },
  { name: 'expired', holder: 'invalid', token: forged({ issuedAt: now() - 7200, expiresAt: now() - 60 }) },
  { name: 'not yet valid', holder: 'invalid', token: forged({ notBefore: now() + 3600, expiresAt: now() + 7200 }) },
  { name: 'issued in the future', holder: 'invalid', token: forged({ issuedAt: now() + 3600 }) },
  { name: 'no expiry', holder: 'invalid', token: forged({ expiresAt: null }) },
  { name: 'wrong signature', holder: 'invalid', token: forged({ key: randomBytes(32) }) },
  { name: 'other HMAC algorithm', holder: 'invalid', token: forged({ alg: 'HS512' }) },
  { name: 'alg: none', holder: 'invalid', token: unsigned },
  { name: 'wrong issuer', holder: 'invalid', token: forged({ issuer: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_OTHER' }) },
  { name: 'wrong audience', holder: 'invalid', token: forged({ audience: 'another-app-client' }) },
  { name: 'no role', holder: 'no role', token: () => issueLocalToken({ role: 'none' }) },
  { name: 'viewer', holder: 'viewer', token: () => issueLocalToken({ role: 'viewer' }) },
  { name: 'admin', holder: 'admin', token: () => issueLocalToken({ role: 'admin' }) },
];
