/** What a handler returns; the factory turns it into an API Gateway result. */
export interface HttpResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function html(statusCode: number, body: string, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body };
}

export function redirect(location: string, statusCode = 303): HttpResult {
  return { statusCode, headers: { location }, body: '' };
}
