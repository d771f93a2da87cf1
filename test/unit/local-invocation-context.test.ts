import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FunctionDeclaration } from '../../infra/manifest-types.js';
import { createLocalApi } from '../../infra/local/http-server.js';
import { slowLoggingRoute } from '../support/fixtures/slow-logging-handler.js';

// The logger reads its level once, when it is built (and resets to it at every invocation): INFO for this file.
vi.hoisted(() => {
  process.env.LOG_LEVEL = 'INFO';
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
});

const declaration: FunctionDeclaration = {
  name: 'slow-logging',
  entry: 'test/support/fixtures/slow-logging-handler.ts',
  description: 'test fixture',
  triggers: [{ kind: 'http', route: slowLoggingRoute }],
  table: 'none',
  sendsMail: false,
};

const server = createLocalApi([declaration]);
let baseUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface LogLine {
  message: string;
  own?: string;
  requestId?: string;
  operation?: string;
  function_request_id?: string;
}

/** The structured lines the handlers write to stdout while `run` is under way. */
async function captureLogLines(run: () => Promise<unknown>): Promise<LogLine[]> {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return written
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

describe('local invocations', () => {
  it('each get their own logger context: concurrent requests never carry each other’s keys', async () => {
    const count = 20;
    const lines = await captureLogLines(() =>
      Promise.all(
        Array.from({ length: count }, async (_, index) => {
          // The first requests wait longest, so later ones start and finish while they wait.
          const response = await fetch(`${baseUrl}/slow-logging?waitMs=${(count - index) * 10}`);
          expect(response.status).toBe(200);
        }),
      ),
    );

    const ours = lines.filter((line) => line.own !== undefined);
    expect(ours).toHaveLength(count * 2);
    for (const line of ours) {
      expect(line.requestId, line.message).toBe(line.own);
      expect(line.operation, line.message).toBe('slowLogging');
    }
    const lambdaRequestIds = new Map<string, Set<string | undefined>>();
    for (const line of ours) lambdaRequestIds.set(line.own!, (lambdaRequestIds.get(line.own!) ?? new Set()).add(line.function_request_id));
    expect(lambdaRequestIds.size).toBe(count);
    for (const ids of lambdaRequestIds.values()) expect(ids.size).toBe(1);
    const distinct = new Set([...lambdaRequestIds.values()].flatMap((ids) => [...ids]));
    expect(distinct.size).toBe(count);
  });

  it('still share one context outside an invocation, so a handler called directly keeps working', async () => {
    const { handler } = await import('../support/fixtures/slow-logging-handler.js');
    const lines = await captureLogLines(() =>
      handler(
        { rawPath: '/slow-logging', queryStringParameters: { waitMs: '0' }, headers: {}, requestContext: { requestId: 'direct-1' } } as never,
        { awsRequestId: 'direct-lambda-1', functionName: 'slow-logging' } as never,
      ),
    );
    expect(lines.map((line) => [line.requestId, line.function_request_id])).toEqual([
      ['direct-1', 'direct-lambda-1'],
      ['direct-1', 'direct-lambda-1'],
    ]);
  });
});
