import type { RouteContract } from '../shared/http/route.js';

export interface HttpTrigger {
  kind: 'http';
  route: RouteContract;
}

export interface ScheduleTrigger {
  kind: 'schedule';
  /** EventBridge Scheduler cron, six fields: minutes hours day-of-month month day-of-week year. */
  cron: string;
  timeZone: 'Europe/Warsaw';
  description: string;
}

/**
 * A DynamoDB stream trigger. `filter` is a Lambda event filter pattern; the
 * local stack applies the same pattern before it calls the handler.
 */
export interface StreamTrigger {
  kind: 'table-stream';
  filter: Record<string, unknown>;
  batchSize: number;
}

/** EventBridge events on the default bus, matched by `pattern` (e.g. SES bounce notifications). */
export interface EventBusTrigger {
  kind: 'event-bus';
  pattern: { source: string[]; 'detail-type': string[] };
}

export type Trigger = HttpTrigger | ScheduleTrigger | StreamTrigger | EventBusTrigger;

export interface FunctionDeclaration {
  /** Lambda-safe name, also the argument of `npm run invoke`. */
  name: string;
  /** Handler file exporting `handler`, relative to the project root. */
  entry: string;
  description: string;
  triggers: Trigger[];
  table: 'none' | 'read' | 'readwrite';
  /** Whether the function may send email through SES. */
  sendsMail: boolean;
  timeoutSeconds?: number;
  memoryMb?: number;
}

export function httpRoutes(manifest: readonly FunctionDeclaration[]) {
  return manifest.flatMap((fn) =>
    fn.triggers.filter((t): t is HttpTrigger => t.kind === 'http').map((trigger) => ({ fn, route: trigger.route })),
  );
}

export function schedules(manifest: readonly FunctionDeclaration[]) {
  return manifest.flatMap((fn) =>
    fn.triggers.filter((t): t is ScheduleTrigger => t.kind === 'schedule').map((trigger, index) => ({ fn, trigger, index })),
  );
}

export function streamConsumers(manifest: readonly FunctionDeclaration[]) {
  return manifest.flatMap((fn) =>
    fn.triggers.filter((t): t is StreamTrigger => t.kind === 'table-stream').map((trigger) => ({ fn, trigger })),
  );
}

export function eventBusConsumers(manifest: readonly FunctionDeclaration[]) {
  return manifest.flatMap((fn) =>
    fn.triggers.filter((t): t is EventBusTrigger => t.kind === 'event-bus').map((trigger) => ({ fn, trigger })),
  );
}
