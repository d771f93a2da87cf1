import { invocationObservers } from '../infra/local/load-handler.js';
import { documentClient } from '../shared/adapters/dynamo/client.js';
import { sesClient } from '../shared/adapters/mail/ses-client.js';

/**
 * What a piece of work costs in the units AWS bills: DynamoDB requests and
 * their request units (as DynamoDB Local reports them with
 * ReturnConsumedCapacity), Lambda invocations and their durations, SES sends.
 * Counts everything the product's clients send in this process while the
 * meter runs (the local API, stream and scheduler all invoke handlers here).
 */
export interface Metered {
  /** DynamoDB requests by command name. */
  requests: Record<string, number>;
  readUnits: number;
  writeUnits: number;
  invocations: Record<string, { count: number; ms: number; memoryMb: number }>;
  sesSends: number;
}

// The names the client's middleware sees: the low-level commands the document client's commands become.
const readCommands = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);

/** DynamoDB Local reports units per item written; a transaction costs twice that in DynamoDB (prepare and commit), and every request at least the minimum unit. */
function unitsOf(command: string, output: { ConsumedCapacity?: { CapacityUnits?: number } | Array<{ CapacityUnits?: number }> }): number {
  const consumed = output.ConsumedCapacity;
  const reported = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
  const transactional = command.startsWith('Transact') ? 2 : 1;
  const minimum = readCommands.has(command) ? 0.5 : 1;
  return Math.max(minimum, reported * transactional);
}

export function startMeter(): { stop(): Metered } {
  const metered: Metered = { requests: {}, readUnits: 0, writeUnits: 0, invocations: {}, sesSends: 0 };
  const name = `bench-meter-${Math.random().toString(36).slice(2)}`;
  documentClient.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      metered.requests[command] = (metered.requests[command] ?? 0) + 1;
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      const units = unitsOf(command, result.output as never);
      if (readCommands.has(command)) metered.readUnits += units;
      else metered.writeUnits += units;
      return result;
    },
    { step: 'initialize', name },
  );
  sesClient.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      metered.sesSends += 1;
      return result;
    },
    { step: 'initialize', name },
  );
  const observe = (fn: string, ms: number, memoryMb: number) => {
    const entry = (metered.invocations[fn] ??= { count: 0, ms: 0, memoryMb });
    entry.count += 1;
    entry.ms += ms;
  };
  invocationObservers.add(observe);
  return {
    stop() {
      documentClient.middlewareStack.remove(name);
      sesClient.middlewareStack.remove(name);
      invocationObservers.delete(observe);
      return metered;
    },
  };
}

/** The work's requests and units, then the meter removed. */
export async function metered<T>(work: () => Promise<T>): Promise<{ result: T; usage: Metered; ms: number }> {
  const meter = startMeter();
  const started = performance.now();
  try {
    const result = await work();
    return { result, usage: meter.stop(), ms: performance.now() - started };
  } catch (error) {
    meter.stop();
    throw error;
  }
}

export const requestCount = (usage: Metered) => Object.values(usage.requests).reduce((sum, count) => sum + count, 0);
export const gbSeconds = (usage: Metered) => Object.values(usage.invocations).reduce((sum, entry) => sum + (entry.ms / 1000) * (entry.memoryMb / 1024), 0);
export const invocationCount = (usage: Metered) => Object.values(usage.invocations).reduce((sum, entry) => sum + entry.count, 0);
