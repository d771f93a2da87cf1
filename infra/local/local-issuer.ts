import { join } from 'node:path';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { localKeyFile } from './key-file.js';
import { localSettings } from './settings.js';

/**
 * The local stand-in for the Cognito user pool: a key kept in .local/ signs
 * tokens with the claims Cognito puts in an ID token (`sub`, `email`,
 * `cognito:groups`), and the local HTTP server verifies them the way API
 * Gateway's JWT authorizer does (signature, issuer, audience, expiry).
 */
export const localIssuer = 'https://glokal.localhost/local-issuer';
export const localAudience = 'glokal-local-admin-client';

const keyFile = join(localSettings.dataDir, 'jwt-signing-key');

let cachedKey: Uint8Array | undefined;

/** Created once per checkout (infra/local/key-file.ts). */
export function localSigningKey(): Uint8Array {
  cachedKey ??= Buffer.from(localKeyFile(keyFile), 'base64');
  return cachedKey;
}

export type LocalRole = 'admin' | 'viewer' | 'none';

const groupsOf: Record<LocalRole, string[]> = { admin: ['admins'], viewer: ['viewers'], none: [] };

/** Cognito's longest ID token validity: the local issuer neither issues nor accepts a longer one. */
export const maxTokenHours = 24;

export async function issueLocalToken(options: { role: LocalRole; email?: string; ttlSeconds?: number }): Promise<string> {
  const email = options.email ?? `${options.role}@glokal.localhost`;
  return new SignJWT({ email, 'cognito:groups': groupsOf[options.role], token_use: 'id' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(`local-${Buffer.from(email).toString('hex').slice(0, 24)}`)
    .setIssuer(localIssuer)
    .setAudience(localAudience)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds ?? 12 * 3600}s`)
    .sign(localSigningKey());
}

/** Claims as API Gateway hands them to the function: arrays flattened to "[a b]", numbers as strings. */
function asGatewayClaims(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [name, Array.isArray(value) ? `[${value.join(' ')}]` : String(value)]),
  );
}

/** Returns API Gateway-shaped claims, or undefined where API Gateway would answer 401. */
export async function verifyLocalToken(authorization: string | undefined): Promise<Record<string, string> | undefined> {
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  if (!match) return undefined;
  try {
    // As API Gateway: only the issuer's algorithm, an expiry and an issue time that is not in the future; a subject for the audit.
    const { payload } = await jwtVerify(match[1]!, localSigningKey(), {
      issuer: localIssuer,
      audience: localAudience,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: `${maxTokenHours}h`,
    });
    return asGatewayClaims(payload);
  } catch {
    return undefined;
  }
}
