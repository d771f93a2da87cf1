import { afterEach, describe, expect, it } from 'vitest';
import { startLocalServices, type LocalServices } from '../../infra/local/local-stack.js';
import { ensurePortFree, StartInterrupted } from '../../infra/local/port-check.js';
import { Scope } from '../../infra/local/scope.js';
import { javaOnPort } from '../support/spawned-stack.js';

// Ports of their own, beside the suite's services and `npm start`'s test ports.
const portBase = Number(process.env.TEST_LOCAL_STACK_PORT_BASE ?? 8200);
const dynamoPort = portBase + 21;
const sesPort = portBase + 25;

const portIsFree = (port: number) => ensurePortFree(port, 'test').then(() => true, () => false);

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let scope: Scope | undefined;
afterEach(() => scope?.close());

/**
 * The orderly half of "Ctrl-C leaves nothing running", in this process: when
 * the scope's close() resolves, DynamoDB Local has already exited and its
 * port is free, whatever start-up was doing. (The other half, a Node process
 * killed outright, is dynamodb-local-killed.test.ts and local-stack.test.ts.)
 */
describe('closing the local services’ scope during start-up', () => {
  const moments: Array<[string, () => Promise<void>]> = [
    ['while Java is still coming up', () => until(() => javaOnPort(dynamoPort) !== '', 40_000, 'Java did not start')],
    [
      'once DynamoDB Local answers (the table and SES are still being set up)',
      () => until(() => fetch(`http://127.0.0.1:${dynamoPort}/`, { method: 'POST' }).then(() => true, () => false), 40_000, 'DynamoDB Local did not answer'),
    ],
  ];

  it.each(moments)('%s stops the JVM before close() resolves', async (_moment, reached) => {
    scope = new Scope();
    const starting = startLocalServices({ dynamoPort, sesPort, tableName: 'scope-test', scope });
    const outcome = starting.then(
      () => 'started',
      (error: unknown) => error,
    );
    await reached();
    await scope.close();
    expect(javaOnPort(dynamoPort)).toBe('');
    expect(await portIsFree(dynamoPort)).toBe(true);
    expect(await portIsFree(sesPort)).toBe(true);
    const result = await outcome;
    // Start-up noticed and gave up (or had just finished, and its services were stopped with the scope).
    if (result !== 'started') expect(result).toBeInstanceOf(StartInterrupted);
  }, 60_000);

  it('after start-up, stop() leaves nothing running', async () => {
    scope = new Scope();
    const services: LocalServices = await startLocalServices({ dynamoPort, sesPort, tableName: 'scope-test', scope });
    expect(services.tableStatus).toBe('created');
    await scope.close();
    expect(javaOnPort(dynamoPort)).toBe('');
    expect(await portIsFree(dynamoPort)).toBe(true);
    expect(await portIsFree(sesPort)).toBe(true);
  }, 60_000);
});
