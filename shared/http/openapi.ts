import * as z from 'zod';
import type { ZodType } from 'zod';
import { errorBody } from '../contracts/common.js';
import type { RouteContract } from './route.js';

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

function operationOf(route: RouteContract) {
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    const contentType = response.contentType ?? 'application/json';
    responses[status] = {
      description: response.description,
      ...(response.schema ? { content: { [contentType]: { schema: schemaOf(response.schema, 'output') } } } : {}),
    };
  }
  const errors: Record<string, string> = { '500': 'Unexpected failure.' };
  if (route.body || route.query || route.params) errors['400'] = 'Invalid input; every failing field is named.';
  if (route.access !== 'public') {
    errors['401'] = 'No valid token.';
    errors['403'] = 'The token lacks the role.';
  }
  for (const [status, description] of Object.entries(errors)) {
    responses[status] ??= { description, content: { 'application/json': { schema: errorRef } } };
  }
  const body = route.body ? schemaOf(route.body, 'input') : undefined;
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: route.tags,
    ...(route.access === 'public' ? { security: [] } : { security: [{ cognito: [] }], 'x-required-group': route.access === 'admin' ? ['admins'] : ['admins', 'viewers'] }),
    parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query'), ...parametersOf(route.headers, 'header')],
    ...(body
      ? { requestBody: { required: true, content: { 'application/json': { schema: body }, 'application/x-www-form-urlencoded': { schema: body } } } }
      : {}),
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
      description: 'Membership onboarding, event invitations and grant deadline reminders of the GLOKAL Education Cluster.',
    },
    servers: [{ url: serverUrl }],
    components: {
      schemas: { Error: schemaOf(errorBody, 'output') },
      securitySchemes: {
        cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito user pool token; group admins or viewers.' },
      },
    },
    paths,
  };
}
