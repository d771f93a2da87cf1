import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError, UnauthorizedError } from './errors.js';
import type { Actor } from '../domain/actor.js';
import type { Access } from './route.js';

/** The caller as the authorizer's claims describe it: the domain's actor, with its groups. */
export interface Principal extends Actor {
  groups: string[];
}

/**
 * API Gateway's JWT authorizer flattens array claims into a string such as
 * "[admins viewers]"; a JSON array is accepted too so that direct invokes work.
 */
export function parseGroups(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== 'string') return [];
  return claim.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}

type EventWithJwt = APIGatewayProxyEventV2 & {
  requestContext: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
};

/**
 * The authorizer has already checked the signature (Cognito in AWS, the local
 * issuer in the local stack); this reads its claims and checks the role.
 */
export function authorize(event: APIGatewayProxyEventV2, access: Access): Principal | undefined {
  if (access === 'public') return undefined;
  const claims = (event as EventWithJwt).requestContext.authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string') throw new UnauthorizedError();
  const groups = parseGroups(claims['cognito:groups']);
  const allowed = access === 'admin' ? ['admins'] : ['admins', 'viewers'];
  if (!groups.some((group) => allowed.includes(group))) throw new ForbiddenError();
  return { subject: claims.sub, email: typeof claims.email === 'string' ? claims.email : undefined, groups };
}
