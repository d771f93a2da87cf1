import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** A request the local gateway refuses before any function runs; the client gets the error shape. */
export class GatewayRefusal extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface GatewayAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

const jsonType = 'application/json; charset=utf-8';

export function refusalAnswer(refusal: GatewayRefusal): GatewayAnswer {
  return { statusCode: refusal.statusCode, headers: { 'content-type': jsonType }, body: JSON.stringify({ error: { code: refusal.code, message: refusal.message } }) };
}

/** API Gateway's own answers (unknown route, no valid token, a failed function) are `{"message":…}`; the local stack's are the same. */
export function gatewayMessage(statusCode: number, message: string, headers: Record<string, string> = {}): GatewayAnswer {
  return { statusCode, headers: { 'content-type': jsonType, ...headers }, body: JSON.stringify({ message }) };
}

/** What Node's HTTP parser could not read; the parser's own answer would be a bare status line. */
function refusalForParserError(code: string | undefined): GatewayRefusal {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new GatewayRefusal(431, 'HEADERS_TOO_LARGE', 'The request line and headers are too large (at most 10 KB together).');
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ERR_HTTP_HEADERS_TIMEOUT') return new GatewayRefusal(408, 'REQUEST_TIMEOUT', 'The request took too long to arrive.');
  return new GatewayRefusal(400, 'BAD_REQUEST', 'The request is malformed.');
}

/**
 * For the server's `clientError` event: answers malformed HTTP in the error
 * shape, then reads and drops whatever the client is still sending, so the
 * client reads the answer instead of a connection reset. Returns the status
 * sent, if the client was still there to get one.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): number | undefined {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return undefined;
  }
  const { statusCode, body } = refusalAnswer(refusalForParserError(error.code));
  socket.on('error', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\ncontent-type: ${jsonType}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
  socket.resume();
  // A client that never stops sending is cut off after a while.
  setTimeout(() => socket.destroy(), 5_000).unref();
  return statusCode;
}
