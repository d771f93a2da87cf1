import * as z from 'zod';
import { languages } from '../email/language.js';
import { defineRoute } from '../http/route.js';

export const getHealth = defineRoute({
  operationId: 'getHealth',
  method: 'GET',
  path: '/health',
  access: 'public',
  summary: 'Liveness check',
  tags: ['platform'],
  responses: { 200: { description: 'The API answers.', schema: z.object({ status: z.literal('ok') }) } },
});

export const getOpenApi = defineRoute({
  operationId: 'getOpenApi',
  method: 'GET',
  path: '/openapi.json',
  access: 'public',
  summary: 'This OpenAPI 3.1 document',
  tags: ['platform'],
  responses: {
    200: {
      description: 'The OpenAPI document.',
      schema: z.looseObject({ openapi: z.literal('3.1.0'), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }),
    },
  },
});

export const accessibilityStatement = defineRoute({
  operationId: 'accessibilityStatement',
  method: 'GET',
  path: '/accessibility',
  access: 'public',
  summary: 'The accessibility statement (Polish; English with ?lang=en), linked from every page’s footer',
  tags: ['platform'],
  query: z.object({ lang: z.enum(languages).optional() }),
  responses: { 200: { description: 'The statement: what was checked and how, known limits, whom to write to.', contentType: 'text/html' } },
});
