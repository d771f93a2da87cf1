import { randomBytes, randomUUID, createHash } from 'node:crypto';

export interface IdGenerator {
  /** A sortable-enough unique id for entities. */
  newId(): string;
  /** An unguessable token for links sent by email (verification, RSVP, unsubscribe). */
  newToken(): string;
}

export const randomIds: IdGenerator = {
  newId: () => randomUUID(),
  newToken: () => randomBytes(24).toString('base64url'),
};

/** Tokens are stored hashed, so a leaked table export does not leak working links. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
