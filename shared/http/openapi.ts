import * as z from 'zod';
import type { ZodType } from 'zod';
import { errorBody, gatewayErrorBody } from '../contracts/common.js';
import type { ResponseContract, RouteContract } from './route.js';
import { retryAfterSeconds } from './service-unavailable.js';

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function parametersOf(schema: ZodType | undefined, location: 'query' | 'path' | 'header') {
  if (!schema) return [];
  const json = schemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

const errorRef = { $ref: '#/components/schemas/Error' };
/** Where API Gateway may answer by itself (its authorizer, a failed function, a body over its limit), its `{"message"}` too. */
const errorOrGatewayRef = { anyOf: [errorRef, { $ref: '#/components/schemas/GatewayError' }] };
const page = (description: string) => ({ schema: { type: 'string', description } });

/** The content types every route with a body reads, into the same object. */
const bodyContentTypes = ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'];

interface Refusal {
  description: string;
  schema: JsonSchema;
  /** The page a person's browser gets instead of the JSON error, where every route answers one. */
  page?: string;
  /** Seconds to wait before sending the request again. */
  retryAfter?: boolean;
}

/** The refusals every route of its kind can answer, whatever its contract declares: the handler factory and the gateway produce them. */
function commonRefusals(route: RouteContract): Record<string, Refusal> {
  const refusals: Record<string, Refusal> = {};
  if (route.body || route.query || route.params || route.headers) {
    refusals['400'] = {
      description: route.body
        ? 'Invalid input: VALIDATION_FAILED names every failing field (a body that is not an object, e.g. null or [], fails at `body`); INVALID_ENCODING for a body that is not UTF-8.'
        : 'Invalid input: VALIDATION_FAILED names every failing field.',
      schema: errorRef,
    };
  }
  if (route.access !== 'public') {
    refusals['401'] = { description: 'No valid token (API Gateway’s JWT authorizer answers `{"message":"Unauthorized"}` itself).', schema: errorOrGatewayRef };
    refusals['403'] = { description: 'The token lacks the role.', schema: errorRef };
  }
  // Every function checks the size of whatever body arrives; API Gateway refuses far larger ones itself.
  refusals['413'] = { description: 'The request body is larger than the API accepts.', schema: errorOrGatewayRef };
  if (route.body) refusals['415'] = { description: 'The body is neither JSON, nor form-urlencoded, nor multipart/form-data.', schema: errorRef };
  refusals['500'] = { description: 'Unexpected failure; nothing internal is shown.', schema: errorOrGatewayRef };
  // The handler factory's answer when DynamoDB, SES or Secrets Manager is unreachable, hanging or throttling: nothing changed, send it again.
  refusals['503'] = {
    description: `A service the API depends on did not answer in time (SERVICE_UNAVAILABLE): nothing was changed; send the same request again after Retry-After seconds (${retryAfterSeconds}).`,
    schema: errorRef,
    page: 'A person’s browser (a form post, or a GET asking for HTML) gets a page saying so in Polish or English, with the same status and Retry-After.',
    retryAfter: true,
  };
  return refusals;
}

function successOf(response: ResponseContract) {
  const contentType = response.contentType ?? 'application/json';
  const content: Record<string, unknown> = {};
  if (response.schema) content[contentType] = { schema: schemaOf(response.schema, 'output') };
  else if (contentType !== 'application/json') content[contentType] = page(response.description);
  for (const [type, alternative] of Object.entries(response.alternatives ?? {})) {
    content[type] = alternative.schema ? { schema: schemaOf(alternative.schema, 'output') } : page(alternative.description);
  }
  const description = [response.description, ...Object.values(response.alternatives ?? {}).map((alternative) => alternative.description)].join(' ');
  return Object.keys(content).length > 0 ? { description, content } : { description };
}

/**
 * A refusal's content: the JSON error shape wherever a program may get it,
 * and the HTML page a person's browser gets instead where the contract says so.
 */
function refusalOf(response: ResponseContract | undefined, common: Refusal | undefined) {
  const content: Record<string, unknown> = {};
  const htmlOnly = response?.contentType === 'text/html';
  if (common || (response && !htmlOnly)) content['application/json'] = { schema: common?.schema ?? errorRef };
  if (htmlOnly) content['text/html'] = page(response.description);
  if (response?.browserPage) content['text/html'] = page(response.browserPage);
  if (common?.page) content['text/html'] = page(common.page);
  const description = [...new Set([response?.description, common?.description, response?.browserPage, common?.page].filter(Boolean))].join(' ');
  const headers = common?.retryAfter ? { headers: { 'Retry-After': { description: 'Seconds to wait before sending the request again.', schema: { type: 'integer', minimum: 1 } } } } : {};
  return { description, ...headers, content };
}

function operationOf(route: RouteContract) {
  const responses: Record<string, unknown> = {};
  const common = commonRefusals(route);
  const statuses = [...new Set([...Object.keys(route.responses), ...Object.keys(common)])].sort();
  for (const status of statuses) {
    const response = route.responses[Number(status)];
    responses[status] = Number(status) < 400 ? successOf(response!) : refusalOf(response, common[status]);
  }
  const body = route.body ? schemaOf(route.body, 'input') : undefined;
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: route.tags,
    ...(route.access === 'public' ? { security: [] } : { security: [{ cognito: [] }], 'x-required-group': route.access === 'admin' ? ['admins'] : ['admins', 'viewers'] }),
    parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query'), ...parametersOf(route.headers, 'header')],
    ...(body ? { requestBody: { required: true, content: Object.fromEntries(bodyContentTypes.map((type) => [type, { schema: body }])) } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the given routes, generated from their zod schemas. */
export function buildOpenApiDocument(routes: readonly RouteContract[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operationOf(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Glokal cluster workflows API',
      version: '1.0.0',
      description: [
        'Membership onboarding, event invitations and grant deadline reminders of the GLOKAL Education Cluster.',
        'Every refusal a function answers has one JSON shape (`Error`); a person’s browser posting an HTML form gets an HTML page instead where a response lists `text/html`.',
        'API Gateway answers some requests itself with `{"message"}` (`GatewayError`): its JWT authorizer’s 401, a body over its limit, and an unknown route’s 404.',
        'A request that cannot be read at all (malformed, or headers over the limit: 400, 431) is refused before any route, in the `Error` shape locally.',
      ].join(' '),
    },
    servers: [{ url: serverUrl }],
    components: {
      schemas: { Error: schemaOf(errorBody, 'output'), GatewayError: schemaOf(gatewayErrorBody, 'output') },
      securitySchemes: {
        cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito user pool token; group admins or viewers.' },
      },
    },
    paths,
  };
}
