import { createServer, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { httpRoutes, type FunctionDeclaration } from '../manifest-types.js';
import { apiGatewayEvent, compilePath, type MatchedRoute } from './api-gateway-event.js';
import { invokeFunction } from './load-handler.js';
import { verifyLocalToken } from './local-issuer.js';

interface CompiledRoute {
  fn: FunctionDeclaration;
  matcher: RegExp;
  route: MatchedRoute['route'];
}

function send(response: ServerResponse, statusCode: number, headers: Record<string, string>, body: string | Buffer) {
  response.writeHead(statusCode, headers);
  response.end(body);
}

/** How API Gateway answers when the handler returns something other than a structured result. */
function normaliseResult(result: unknown): APIGatewayProxyStructuredResultV2 {
  if (typeof result === 'object' && result !== null && 'statusCode' in result) return result as APIGatewayProxyStructuredResultV2;
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: typeof result === 'string' ? result : JSON.stringify(result) };
}

/**
 * The local HTTP API: every manifest route, turned into the payload 2.0 event
 * of the same handler. Non-public routes need a valid local token, as the
 * Cognito authorizer would demand; the role itself is checked by the handler.
 */
export function createLocalApi(manifest: readonly FunctionDeclaration[], log: (line: string) => void = () => undefined): Server {
  const routes: CompiledRoute[] = httpRoutes(manifest).map(({ fn, route }) => ({ fn, route, matcher: compilePath(route.path) }));

  return createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const started = Date.now();
      const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
      const method = (request.method ?? 'GET').toUpperCase();
      void (async () => {
        let status = 500;
        try {
          const candidates = routes.filter((candidate) => candidate.matcher.test(url.pathname));
          const match = candidates.find((candidate) => candidate.route.method === method);
          if (!match) {
            status = 404;
            return send(response, 404, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Not Found' }));
          }
          let claims: Record<string, string> | undefined;
          if (match.route.access !== 'public') {
            claims = await verifyLocalToken(request.headers.authorization);
            if (!claims) {
              status = 401;
              return send(response, 401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }, JSON.stringify({ message: 'Unauthorized' }));
            }
          }
          const pathParameters = Object.fromEntries(
            Object.entries(match.matcher.exec(url.pathname)?.groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)]),
          );
          const event = apiGatewayEvent(request, url, Buffer.concat(chunks), { route: match.route, pathParameters }, claims);
          const result = normaliseResult(await invokeFunction(match.fn, event));
          status = result.statusCode ?? 200;
          const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)]));
          const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? '');
          send(response, status, headers, body);
        } catch (error) {
          // What API Gateway answers when the function itself fails.
          status = 500;
          console.error(error);
          send(response, 500, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Internal Server Error' }));
        } finally {
          log(`${method} ${url.pathname} → ${status} (${Date.now() - started} ms)`);
        }
      })();
    });
  });
}
