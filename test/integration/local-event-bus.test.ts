import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLocalEventBus, routesFor, serveEventBus, type LocalEventBus } from '../../infra/local/event-bus.js';
import type { FunctionDeclaration } from '../../infra/manifest-types.js';
import { manifest } from '../../infra/manifest.js';
import { projectRoot } from '../../infra/project-root.js';
import { recipientRepository } from '../../shared/adapters/dynamo/recipient-repository.js';
import { uniqueEmail } from '../support/mailbox.js';

const tmp = mkdtempSync(join(tmpdir(), 'glokal-bus-'));
const lines: string[] = [];
const bus: LocalEventBus = createLocalEventBus(manifest, { log: (line) => lines.push(line) });
let endpoint: Awaited<ReturnType<typeof serveEventBus>>;
let port = 0;

beforeAll(async () => {
  endpoint = await serveEventBus(bus, 0);
  port = (endpoint.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await bus.stop();
  await endpoint.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** `npm run event -- <file>` against this test's bus. */
function npmRunEvent(file: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(join(projectRoot, 'node_modules/.bin/tsx'), ['infra/local/put-event.ts', file], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, EVENT_BUS_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

function bounceFor(address: string): string {
  const event = JSON.parse(readFileSync(join(projectRoot, 'events/ses/bounce.json'), 'utf8'));
  event.detail.bounce.bouncedRecipients[0].emailAddress = address;
  event.detail.mail.destination = [address];
  const file = join(tmp, `${randomUUID()}.json`);
  writeFileSync(file, JSON.stringify(event));
  return file;
}

async function putEvents(entries: unknown[]) {
  const response = await fetch(`http://127.0.0.1:${port}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
    body: JSON.stringify({ Entries: entries }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('the local event bus routes events by the manifest’s event-bus patterns', () => {
  it('npm run event puts a bounce on the bus; the rule of ses-events runs it and the address is suppressed', async () => {
    const address = uniqueEmail('bus-bounce');
    const { code, output } = await npmRunEvent(bounceFor(address));
    expect(code, output).toBe(0);
    expect(output).toMatch(/Email Bounced from aws\.ses: event [0-9a-f-]{36} → ses-events/);
    await vi.waitFor(async () => expect((await recipientRepository.state(address)).suppressed).toMatchObject({ reason: 'BOUNCE' }), {
      timeout: 15_000,
      interval: 100,
    });
    await bus.idle();
    expect(lines).toContain('event Email Bounced from aws.ses → ses-events: {"suppressed":1}');
  });

  it('answers PutEvents as EventBridge does: an event no rule matches goes nowhere, a malformed entry fails alone', async () => {
    const address = uniqueEmail('bus-delivery');
    const detail = JSON.stringify({ eventType: 'Delivery', mail: { destination: [address] } });
    const { status, body } = await putEvents([
      { Source: 'aws.ses', DetailType: 'Email Delivered', Detail: detail },
      { Source: 'aws.ses', DetailType: 'Email Bounced', Detail: 'not json' },
    ]);
    expect(status).toBe(200);
    expect(body.FailedEntryCount).toBe(1);
    expect(body.Entries[0]).toEqual({ EventId: expect.any(String) });
    expect(body.Entries[1]).toMatchObject({ ErrorCode: 'MalformedDetail' });
    expect(body.Routed).toEqual([[], []]);
    expect(routesFor(manifest, { source: 'aws.ses', 'detail-type': 'Email Complained' }).map((fn) => fn.name)).toEqual(['ses-events']);
    expect(routesFor(manifest, { source: 'aws.ses', 'detail-type': 'Email Delivered' })).toEqual([]);
  });

  it('every event-bus trigger of the manifest is a rule of the local bus', () => {
    const targets = manifest.filter((fn) => fn.triggers.some((trigger) => trigger.kind === 'event-bus')).map((fn) => fn.name);
    expect(targets.length).toBeGreaterThan(0);
    for (const name of targets) expect(bus.describe().some((rule) => rule.endsWith(`→ ${name}`))).toBe(true);
  });

  it('retries a failing target twice, as Lambda retries an asynchronous invocation, then gives it up', async () => {
    const flaky: FunctionDeclaration = {
      name: 'flaky-bus-target',
      entry: 'test/support/fixtures/flaky-bus-target.ts',
      description: 'test fixture',
      triggers: [{ kind: 'event-bus', pattern: { source: ['test.bus'], 'detail-type': ['Flaky'] } }],
      table: 'none',
      sendsMail: false,
    };
    const log: string[] = [];
    const testBus = createLocalEventBus([flaky], { log: (line) => log.push(line), retryDelaysMs: [10, 10] });
    const recovers = randomUUID();
    const neverWorks = randomUUID();
    testBus.putEvents([
      { Source: 'test.bus', DetailType: 'Flaky', Detail: JSON.stringify({ key: recovers, failTimes: 2 }) },
      { Source: 'test.bus', DetailType: 'Flaky', Detail: JSON.stringify({ key: neverWorks, failTimes: 5 }) },
    ]);
    await testBus.idle();
    const attempts = (globalThis as { busAttempts?: Record<string, number> }).busAttempts!;
    expect(attempts[recovers]).toBe(3);
    expect(attempts[neverWorks]).toBe(3);
    expect(log).toContain(`event Flaky from test.bus → flaky-bus-target: {"handled":"${recovers}"}`);
    expect(log.some((line) => line.includes('failed after 3 attempt(s)'))).toBe(true);
  });
});
