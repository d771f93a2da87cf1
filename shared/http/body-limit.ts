import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { PayloadTooLargeError } from './errors.js';

/**
 * The functions' own body limit. A Lambda takes up to 6 MB and API Gateway
 * answers larger requests itself; every body this API expects (the
 * application form, a rejection reason, an unsubscribe) needs a few KB, so
 * anything near the platform limits is refused before it is parsed,
 * validated or echoed.
 */
export const maxBodyBytes = 256 * 1024;

function bodyBytes(event: APIGatewayProxyEventV2): number {
  if (!event.body) return 0;
  if (!event.isBase64Encoded) return Buffer.byteLength(event.body, 'utf8');
  // Decoded size, without decoding: every 4 characters carry 3 bytes, less the padding.
  const padding = event.body.endsWith('==') ? 2 : event.body.endsWith('=') ? 1 : 0;
  return Math.floor((event.body.length * 3) / 4) - padding;
}

/** Answers 413 in the error shape for a body over `limit` bytes. */
export function bodyLimit(limit = maxBodyBytes): MiddlewareObj<APIGatewayProxyEventV2> {
  return {
    before: (request) => {
      if (bodyBytes(request.event) > limit) {
        throw new PayloadTooLargeError(`The request body is too large (at most ${limit / 1024} KB).`);
      }
    },
  };
}
