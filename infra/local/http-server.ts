import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { httpRoutes, type FunctionDeclaration } from '../manifest-types.js';
import { apiGatewayEvent, compilePath, decodePathParameters, type MatchedRoute } from './api-gateway-event.js';
import { answerClientError, gatewayMessage, GatewayRefusal, refusalAnswer, type GatewayAnswer } from './gateway-answers.js';
import { invokeFunction } from './load-handler.js';
import { verifyLocalToken } from './local-issuer.js';
import { readBody, refuseDeclaredOversize } from './request-body.js';
import { parseRequestTarget } from './request-target.js';

interface CompiledRoute {
  fn: FunctionDeclaration;
  matcher: RegExp;
  route: MatchedRoute['route'];
}

/** HTTP API: "total combined size of request line and header values", 10240 bytes. */
export const maxHeaderBytes = 10 * 1024;
/** API Gateway takes 10 MB, but a Lambda invocation at most 6 MB: the first limit a body meets on its way to a function. */
export const maxBodyBytes = 6 * 1024 * 1024;

type Answer = Omit<GatewayAnswer, 'body'> & { body: string | Buffer };

function send(response: ServerResponse, answer: Answer) {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(answer.statusCode, answer.headers);
  response.end(answer.body);
}

/** How API Gateway answers when the handler returns something other than a structured result. */
function normaliseResult(result: unknown): APIGatewayProxyStructuredResultV2 {
  if (typeof result === 'object' && result !== null && 'statusCode' in result) return result as APIGatewayProxyStructuredResultV2;
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: typeof result === 'string' ? result : JSON.stringify(result) };
}

function answerOf(result: APIGatewayProxyStructuredResultV2): Answer {
  return {
    statusCode: result.statusCode ?? 200,
    headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, value]) => [name, String(value)])),
    body: result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''),
  };
}

/**
 * The local HTTP API: every manifest route, turned into the payload 2.0 event
 * of the same handler. Non-public routes need a valid local token, as the
 * Cognito authorizer would demand; the role itself is checked by the handler.
 * Whatever a client sends gets an answer and leaves the server running. The
 * access log names the route template, never the path: paths carry tokens.
 */
export function createLocalApi(manifest: readonly FunctionDeclaration[], log: (line: string) => void = () => undefined): Server {
  const routes: CompiledRoute[] = httpRoutes(manifest).map(({ fn, route }) => ({ fn, route, matcher: compilePath(route.path) }));

  /** The answer to one request; `seen.route` is set once the route is known, for the access log. */
  async function answer(request: IncomingMessage, method: string, seen: { route?: string }): Promise<Answer> {
    const target = parseRequestTarget(request.url, request.headers.host);
    const match = routes.find((candidate) => candidate.route.method === method && candidate.matcher.test(target.path));
    if (!match) return gatewayMessage(404, 'Not Found');
    seen.route = match.route.path;
    refuseDeclaredOversize(request, maxBodyBytes);
    let claims: Record<string, string> | undefined;
    if (match.route.access !== 'public') {
      claims = await verifyLocalToken(request.headers.authorization);
      if (!claims) return gatewayMessage(401, 'Unauthorized', { 'www-authenticate': 'Bearer' });
    }
    const pathParameters = decodePathParameters(match.matcher.exec(target.path)?.groups);
    const body = await readBody(request, maxBodyBytes);
    const event = apiGatewayEvent(request, target, body, { route: match.route, pathParameters }, claims);
    return answerOf(normaliseResult(await invokeFunction(match.fn, event)));
  }

  async function respond(request: IncomingMessage, response: ServerResponse) {
    const started = Date.now();
    const method = (request.method ?? 'GET').toUpperCase();
    const seen: { route?: string } = {};
    request.on('error', () => undefined);
    response.on('error', () => undefined);
    let result: Answer;
    try {
      result = await answer(request, method, seen);
    } catch (error) {
      if (error instanceof GatewayRefusal) result = refusalAnswer(error);
      else {
        // What API Gateway answers when the function itself fails.
        console.error(error);
        result = gatewayMessage(500, 'Internal Server Error');
      }
    }
    try {
      send(response, result);
    } catch (error) {
      // A header the function returned that HTTP cannot carry.
      console.error(error);
      result = gatewayMessage(500, 'Internal Server Error');
      send(response, result);
    }
    log(`${method} ${seen.route ?? '(no route)'} → ${result.statusCode} (${Date.now() - started} ms)`);
  }

  const server = createServer({ maxHeaderSize: maxHeaderBytes }, (request, response) => {
    void respond(request, response).catch((error: unknown) => {
      console.error(error);
      response.destroy();
    });
  });
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    const status = answerClientError(error, socket);
    if (status) log(`(unreadable request) → ${status}`);
  });
  return server;
}
