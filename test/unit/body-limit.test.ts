import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { bodyLimit } from '../../shared/http/body-limit.js';
import { PayloadTooLargeError } from '../../shared/http/errors.js';

const check = (event: Partial<APIGatewayProxyEventV2>, limit: number) => () =>
  bodyLimit(limit).before!({ event: event as APIGatewayProxyEventV2, context: {} as never, response: undefined, error: null, internal: {} });

describe('bodyLimit', () => {
  it('counts bytes, not characters, of a text body', () => {
    expect(check({ body: 'ż'.repeat(5) }, 10)).not.toThrow();
    expect(check({ body: 'ż'.repeat(6) }, 10)).toThrow(PayloadTooLargeError);
  });

  it('counts the decoded bytes of a base64 body', () => {
    const body = (bytes: number) => Buffer.alloc(bytes, 1).toString('base64');
    expect(check({ body: body(10), isBase64Encoded: true }, 10)).not.toThrow();
    expect(check({ body: body(11), isBase64Encoded: true }, 10)).toThrow(PayloadTooLargeError);
  });

  it('lets a request without a body through', () => {
    expect(check({}, 0)).not.toThrow();
  });
});
