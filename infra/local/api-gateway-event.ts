import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteContract } from '../../shared/http/route.js';
import { GatewayRefusal } from './gateway-answers.js';
import type { RequestTarget } from './request-target.js';

export interface MatchedRoute {
  route: RouteContract;
  pathParameters: Record<string, string>;
}

/** `/admin/applications/{id}` → a regular expression with named groups. */
export function compilePath(path: string): RegExp {
  const pattern = path
    .split('/')
    .map((segment) => {
      const greedy = /^\{(\w+)\+\}$/.exec(segment);
      if (greedy) return `(?<${greedy[1]}>.+)`;
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param) return `(?<${param[1]}>[^/]+)`;
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${pattern}$`);
}

/** The path's named groups, percent-decoded as API Gateway hands them over; a malformed escape (`%E0%A4%A`, `%ZZ`) is the client's error. */
export function decodePathParameters(groups: Record<string, string> | undefined): Record<string, string> {
  try {
    return Object.fromEntries(Object.entries(groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)]));
  } catch {
    throw new GatewayRefusal(400, 'INVALID_PATH', 'The path is not valid percent-encoded UTF-8.');
  }
}

const textTypes = /^(application\/(json|x-www-form-urlencoded|xml|[\w.+-]*\+json)|text\/)/i;

/** Builds the API Gateway HTTP API (payload 2.0) event that AWS would hand the function. */
export function apiGatewayEvent(
  request: IncomingMessage,
  target: RequestTarget,
  body: Buffer,
  matched: MatchedRoute,
  claims: Record<string, string> | undefined,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') cookies.push(...String(value).split(/;\s*/));
    else headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of target.query) query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  // A text body that is not UTF-8 is passed base64-encoded, as API Gateway does, so its bytes reach the function unreplaced.
  const isText = body.length === 0 || (textTypes.test(headers['content-type'] ?? '') && isUtf8(body));
  const now = new Date();
  const method = (request.method ?? 'GET').toUpperCase();
  const routeKey = `${matched.route.method} ${matched.route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: target.path,
    rawQueryString: target.rawQuery,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(matched.pathParameters).length > 0 ? { pathParameters: matched.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method,
        path: target.path,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !isText,
  } as APIGatewayProxyEventV2;
}
