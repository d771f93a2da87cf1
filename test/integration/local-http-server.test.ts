import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { maxBodyBytes, maxHeaderBytes } from '../../infra/local/http-server.js';
import { issueLocalToken } from '../../infra/local/local-issuer.js';
import { useLocalApi } from '../support/local-api.js';

const api = useLocalApi();

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A chunked body once its last chunk has arrived, else undefined. */
function dechunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  for (let at = 0; ; ) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (size === 0) return Buffer.concat(parts);
    if (data.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/**
 * Sends bytes as they are (fetch would refuse or repair them) and reads the
 * answer. `feed` keeps sending after the head until the answer has arrived,
 * as a client uploading a large body does.
 */
function rawRequest(head: string, feed?: () => Buffer | undefined): Promise<RawAnswer> {
  const { hostname, port } = new URL(api.baseUrl());
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    let answered = false;
    const parse = (): RawAnswer | undefined => {
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return undefined;
      const [statusLine, ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      const body = headers['transfer-encoding'] === 'chunked' ? dechunk(received.subarray(end + 4)) : received.subarray(end + 4);
      if (!body || body.length < Number(headers['content-length'] ?? 0)) return undefined;
      return { status: Number(statusLine!.split(' ')[1]), headers, body: body.toString('utf8') };
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = parse();
      if (answer && !answered) {
        answered = true;
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on('error', (error) => (answered ? undefined : reject(error)));
    socket.on('close', () => (answered ? undefined : reject(new Error(`closed without an answer: ${received.toString('latin1').slice(0, 200)}`))));
    socket.write(head);
    const pump = () => {
      while (!answered && feed) {
        const next = feed();
        if (!next) return;
        if (!socket.write(next)) return void socket.once('drain', pump);
      }
    };
    pump();
  });
}

const errorShape = (code: string) => ({ error: { code, message: expect.any(String) } });

async function stillServing() {
  expect((await api.call('GET', '/health')).status).toBe(200);
}

describe('the local API, sent what a careless or hostile client sends', () => {
  it('answers a malformed Host with 400 in the error shape, and goes on serving', async () => {
    const answer = await rawRequest('GET /health HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual(errorShape('BAD_REQUEST'));
    await stillServing();
  });

  it('answers HTTP it cannot parse with 400 in the error shape instead of resetting the connection', async () => {
    for (const head of ['GET /health HTTP/1.1\r\nHost: localhost\r\nno colon here\r\n\r\n', 'NOT-A-METHOD /health HTTP/1.1\r\nHost: localhost\r\n\r\n']) {
      const answer = await rawRequest(head);
      expect(answer.status, head).toBe(400);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(answer.body)).toEqual(errorShape('BAD_REQUEST'));
    }
    await stillServing();
  });

  it('answers bad percent-encoding in a path with 400 INVALID_PATH, not 500', async () => {
    const token = await issueLocalToken({ role: 'admin' });
    for (const path of ['/unsubscribe/%E0%A4%A', '/unsubscribe/%FF%FE%FD%FC%FB%FA', '/unsubscribe/%', '/unsubscribe/%ZZ']) {
      for (const method of ['GET', 'POST']) {
        const answer = await rawRequest(`${method} ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
        expect(answer.status, `${method} ${path}`).toBe(400);
        expect(JSON.parse(answer.body)).toEqual(errorShape('INVALID_PATH'));
      }
    }
    const admin = await rawRequest(`GET /admin/applications/%E0%A4%A HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`);
    expect(admin.status).toBe(400);
    expect(JSON.parse(admin.body)).toEqual(errorShape('INVALID_PATH'));
    // Without a token the authorizer answers first, as in AWS.
    expect((await rawRequest('GET /admin/applications/%E0%A4%A HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')).status).toBe(401);
    await stillServing();
  });

  it('answers a request line or headers over the limit with 431 in the error shape, however large', async () => {
    const heads = [
      `GET /health?padding=${'a'.repeat(maxHeaderBytes + 100)} HTTP/1.1\r\nHost: localhost\r\n\r\n`,
      `GET /health HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(maxHeaderBytes + 100)}\r\n\r\n`,
      `GET /health HTTP/1.1\r\nHost: localhost\r\n${Array.from({ length: 70 }, (_, index) => `X-Padding-${index}: ${'a'.repeat(1000)}\r\n`).join('')}\r\n`,
    ];
    for (const head of heads) {
      const answer = await rawRequest(head);
      expect(answer.status, `${head.length} bytes`).toBe(431);
      expect(JSON.parse(answer.body)).toEqual(errorShape('HEADERS_TOO_LARGE'));
    }
    await stillServing();
  });

  it('refuses a body over the Lambda payload limit with 413 in the error shape, by its declared length, without reading it', async () => {
    const answer = await rawRequest(
      `POST /applications HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${maxBodyBytes + 1}\r\n\r\n`,
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual(errorShape('PAYLOAD_TOO_LARGE'));
    await stillServing();
  });

  it('refuses a streamed (chunked) body as soon as it passes the limit, with 413 in the error shape', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let sent = 0;
    const answer = await rawRequest('POST /applications HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n', () => {
      // Stops by itself well past the limit, so a server that never answers fails the test instead of hanging it.
      if (sent > 2 * maxBodyBytes) return undefined;
      sent += chunk.length;
      return Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual(errorShape('PAYLOAD_TOO_LARGE'));
    await stillServing();
  });
});
