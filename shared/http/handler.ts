import middy from '@middy/core';
import type { MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { logger } from '../platform/logger.js';
import { metrics } from '../platform/metrics.js';
import { tracingMiddlewares } from '../platform/tracer.js';
import { bodyLimit } from './body-limit.js';
import { errorResponse } from './error-response.js';
import { authorize, type Principal } from './principal.js';
import { readRouteInput } from './request-input.js';
import type { HttpResult } from './responses.js';
import type { RouteContract, RouteInput } from './route.js';
import { withSecurityHeaders } from './security-headers.js';
import { unavailableCause } from './service-unavailable.js';
import { unavailableAsPage } from '../pages/unavailable-page.js';

export interface HttpRequest {
  event: APIGatewayProxyEventV2;
  context: Context;
  principal?: Principal;
}

type Event = APIGatewayProxyEventV2 & { parsed?: { input: unknown; principal?: Principal } };
type Result = APIGatewayProxyStructuredResultV2;

/** Checks the role, then parses and validates every part of the request against the route's schemas. */
function routeInput(route: RouteContract): MiddlewareObj<Event, Result> {
  return {
    before: (request) => {
      const principal = authorize(request.event, route.access);
      request.event.parsed = { input: readRouteInput(route, request.event), principal };
    },
  };
}

function logRoute(route: RouteContract): MiddlewareObj<Event, Result> {
  return {
    before: (request) => {
      // The route template and operation, never the raw path or query: those carry link tokens.
      logger.appendKeys({ operation: route.operationId, route: `${route.method} ${route.path}`, requestId: request.event.requestContext?.requestId });
    },
  };
}

export interface HandlerOptions {
  /** Answers an error differently where a person, not a program, sent the request (an HTML form post). */
  renderError?: (error: unknown, event: APIGatewayProxyEventV2) => HttpResult | undefined;
}

/** Registered last so its onError runs first and every failure gets the one error shape. */
function errorHandler(options: HandlerOptions): MiddlewareObj<Event, Result> {
  return {
    onError: (request) => {
      const unavailable = unavailableCause(request.error);
      // Name and code only: a service's message may quote the request's values.
      if (unavailable) logger.warn('a service the function depends on is unavailable', { errorName: unavailable.name, errorCode: unavailable.code });
      request.response = withSecurityHeaders(
        options.renderError?.(request.error, request.event) ?? unavailableAsPage(request.error, request.event) ?? errorResponse(request.error),
      );
    },
  };
}

/**
 * The one middy stack of every HTTP function: logging context, role check,
 * body parsing (JSON and form) and validation, security headers, and the
 * error handler last.
 */
export function httpHandler<R extends RouteContract>(
  route: R,
  handle: (input: RouteInput<R>, request: HttpRequest) => Promise<HttpResult>,
  options: HandlerOptions = {},
) {
  const base = async (event: Event, context: Context): Promise<Result> => {
    const { input, principal } = event.parsed!;
    const result = await handle(input as RouteInput<R>, { event, context, principal });
    return withSecurityHeaders(result);
  };
  return middy<Event, Result>(base)
    .use(tracingMiddlewares)
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    // logEvent off whatever POWERTOOLS_LOGGER_LOG_EVENT says: events carry tokens in paths and queries, and personal data in bodies.
    .use(injectLambdaContext(logger, { clearState: true, logEvent: false }))
    .use(logRoute(route))
    .use(bodyLimit())
    .use(routeInput(route))
    .use(errorHandler(options));
}
