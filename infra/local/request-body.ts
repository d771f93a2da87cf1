import type { IncomingMessage } from 'node:http';
import { GatewayRefusal } from './gateway-answers.js';

const tooLarge = (limit: number) =>
  new GatewayRefusal(413, 'PAYLOAD_TOO_LARGE', `The request body is too large (at most ${Math.floor(limit / (1024 * 1024))} MB).`);

/** Refuses a body whose declared length is over the limit before any of it is read; the rest is dropped as it comes. */
export function refuseDeclaredOversize(request: IncomingMessage, limit: number): void {
  if (Number(request.headers['content-length']) > limit) {
    request.resume();
    throw tooLarge(limit);
  }
}

/**
 * A request's body, up to `limit` bytes. A larger one is refused by its
 * content-length, or as soon as it streams past the limit, without being held
 * in memory; what is still coming is read and dropped, so the client reads
 * the 413 rather than a connection reset.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
