import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { EventBridgeEvent } from 'aws-lambda';
import { eventBusConsumers, type FunctionDeclaration } from '../manifest-types.js';
import { compilePattern } from './event-pattern.js';
import { invokeFunction } from './load-handler.js';

/** One entry of an EventBridge `PutEvents` request. */
export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  /** The detail as a JSON object, in a string. */
  Detail?: string;
  Resources?: string[];
  Time?: string | number;
  EventBusName?: string;
}

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: Array<{ EventId: string } | { ErrorCode: string; ErrorMessage: string }>;
}

export type BusEvent = EventBridgeEvent<string, unknown>;

const region = 'eu-central-1';
const account = '000000000000';

/** An event as it arrives at a rule's target → the entry that puts it on a bus (what `npm run event` sends for a sample file). */
export function entryFromEvent(event: BusEvent): PutEventsEntry {
  return { Source: event.source, DetailType: event['detail-type'], Detail: JSON.stringify(event.detail ?? {}), Resources: event.resources ?? [], Time: event.time };
}

/** A `PutEvents` entry → the event EventBridge delivers to a target, or why it refuses the entry. */
function eventFromEntry(entry: PutEventsEntry): BusEvent | { ErrorCode: string; ErrorMessage: string } {
  if (entry.EventBusName && entry.EventBusName !== 'default' && !entry.EventBusName.endsWith(':event-bus/default')) {
    return { ErrorCode: 'InvalidArgument', ErrorMessage: `The local stack has only the default event bus, not ${entry.EventBusName}` };
  }
  if (!entry.Source || !entry.DetailType || entry.Detail === undefined) {
    return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Source, DetailType and Detail are required' };
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not valid JSON' };
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail must be a JSON object' };
  }
  const time = entry.Time === undefined ? new Date() : new Date(typeof entry.Time === 'number' ? entry.Time * 1000 : entry.Time);
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.DetailType,
    source: entry.Source,
    account,
    // EventBridge gives times to the second.
    time: (Number.isNaN(time.getTime()) ? new Date() : time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: entry.Resources ?? [],
    detail,
  };
}

/** The functions of the manifest whose event-bus pattern matches the event: what its rules would target. */
export function routesFor(manifest: readonly FunctionDeclaration[], event: unknown): FunctionDeclaration[] {
  return eventBusConsumers(manifest)
    .filter(({ trigger }) => compilePattern(trigger.pattern)(event))
    .map(({ fn }) => fn);
}

export interface LocalEventBusOptions {
  log: (line: string) => void;
  /** Delays of the retries after a target fails (Lambda's asynchronous invocation retries twice). */
  retryDelaysMs?: number[];
}

/**
 * The default event bus of the local stack, with one rule per event-bus
 * trigger of the manifest (its pattern, its function as the target). An
 * event put on it goes to every function whose pattern matches, invoked
 * asynchronously as EventBridge invokes Lambda: `put` answers at once and a
 * failing target is retried twice (Lambda's asynchronous retries), then given
 * up with a log line (in AWS: the dead-letter queue).
 */
export function createLocalEventBus(manifest: readonly FunctionDeclaration[], options: LocalEventBusOptions) {
  const rules = eventBusConsumers(manifest).map(({ fn, trigger, index }) => ({ fn, trigger, index, matches: compilePattern(trigger.pattern) }));
  const inFlight = new Set<Promise<void>>();
  const retryDelays = options.retryDelaysMs ?? [1000, 2000];
  let stopped = false;

  async function deliver(fn: FunctionDeclaration, event: BusEvent) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = await invokeFunction(fn, event);
        options.log(`event ${event['detail-type']} from ${event.source} → ${fn.name}: ${JSON.stringify(result) ?? 'done'}`);
        return;
      } catch (error) {
        const delay = retryDelays[attempt];
        if (delay === undefined || stopped) {
          options.log(`event ${event['detail-type']} → ${fn.name} failed after ${attempt + 1} attempt(s): ${(error as Error).message} (in AWS: the dead-letter queue)`);
          return;
        }
        options.log(`event ${event['detail-type']} → ${fn.name} failed: ${(error as Error).message}; retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** Routes already-formed events (the shape targets receive); returns the functions each one went to. */
  function publish(event: BusEvent): FunctionDeclaration[] {
    const targets = rules.filter((rule) => rule.matches(event)).map((rule) => rule.fn);
    if (targets.length === 0) options.log(`event ${event['detail-type']} from ${event.source}: no rule matches it`);
    for (const fn of targets) {
      const delivery = deliver(fn, event);
      inFlight.add(delivery);
      void delivery.finally(() => inFlight.delete(delivery));
    }
    return targets;
  }

  /** EventBridge `PutEvents`: each entry becomes an event with its own id, or an error for that entry alone. */
  function putEvents(entries: PutEventsEntry[]): PutEventsResult & { routed: string[][] } {
    const routed: string[][] = [];
    const results = entries.map((entry) => {
      const event = eventFromEntry(entry);
      if ('ErrorCode' in event) {
        routed.push([]);
        return event;
      }
      routed.push(publish(event).map((fn) => fn.name));
      return { EventId: event.id };
    });
    return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results, routed };
  }

  return {
    putEvents,
    publish,
    /** One line per rule, for the start-up banner. */
    describe: () => rules.map(({ fn, trigger }) => `${JSON.stringify(trigger.pattern)} → ${fn.name}`),
    /** Resolves when every delivery started so far has finished (tests wait on it instead of sleeping). */
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled(inFlight);
    },
    async stop() {
      stopped = true;
      await this.idle();
    },
  };
}

export type LocalEventBus = ReturnType<typeof createLocalEventBus>;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The bus's endpoint: EventBridge's `PutEvents` (JSON 1.1, `X-Amz-Target:
 * AWSEvents.PutEvents`), so `npm run event` and an SDK client pointed at it
 * (`endpoint: http://localhost:8010`) both put events on it. `GET /` lists
 * the rules. Beyond AWS's answer, `Routed` says which functions each entry
 * went to.
 */
export async function serveEventBus(bus: LocalEventBus, port: number, host = '127.0.0.1'): Promise<{ server: Server; url: string; stop(): Promise<void> }> {
  const server = createServer(async (request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(body));
    };
    try {
      if (request.method === 'GET') return reply(200, { rules: bus.describe() });
      const target = request.headers['x-amz-target'];
      if (request.method !== 'POST' || (target !== undefined && target !== 'AWSEvents.PutEvents')) {
        return reply(400, { __type: 'UnknownOperationException', message: `The local event bus supports PutEvents only, not ${target ?? request.method}` });
      }
      const body = JSON.parse((await readBody(request)) || '{}') as { Entries?: PutEventsEntry[] };
      if (!Array.isArray(body.Entries) || body.Entries.length === 0 || body.Entries.length > 10) {
        return reply(400, { __type: 'ValidationException', message: 'Entries must hold 1 to 10 entries' });
      }
      const { routed, ...result } = bus.putEvents(body.Entries);
      return reply(200, { ...result, Routed: routed });
    } catch (error) {
      return reply(400, { __type: 'SerializationException', message: (error as Error).message });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    url: `http://localhost:${actualPort}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
