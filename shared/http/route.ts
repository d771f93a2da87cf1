import type { z, ZodType } from 'zod';

/** Who may call a route: anyone, `viewers` or `admins` (read), or `admins` only. */
export type Access = 'public' | 'viewer' | 'admin';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ResponseContract {
  description: string;
  schema?: ZodType;
  /** Defaults to application/json. */
  contentType?: string;
  /** The same answer in other media types, which the request's `Accept` header chooses (e.g. `text/csv`): what each holds. */
  alternatives?: Record<string, { description: string; schema?: ZodType }>;
  /**
   * Where a person's browser (an HTML form post, `Accept: text/html`) gets an
   * HTML page with this status instead of the JSON answer: what that page is.
   */
  browserPage?: string;
}

/**
 * The public contract of one route: method, path, access and the zod schemas
 * of its input and output. The manifest, the validation middleware and the
 * OpenAPI document all read it, so nothing about a route is written twice.
 */
export interface RouteContract {
  operationId: string;
  method: HttpMethod;
  /** API Gateway path syntax: `/admin/applications/{id}`. */
  path: string;
  access: Access;
  summary: string;
  tags: string[];
  /** Header names in lower case, as API Gateway delivers them. */
  headers?: ZodType;
  body?: ZodType;
  query?: ZodType;
  params?: ZodType;
  responses: Record<number, ResponseContract>;
}

export function defineRoute<const R extends RouteContract>(route: R): R {
  return route;
}

type Parsed<S> = S extends ZodType ? z.output<S> : undefined;

export interface RouteInput<R extends RouteContract> {
  headers: Parsed<R['headers']>;
  body: Parsed<R['body']>;
  query: Parsed<R['query']>;
  params: Parsed<R['params']>;
}
