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
 * A DynamoDB stream trigger: the settings of its event source mapping. `filter`
 * is a Lambda event filter pattern. The local stream poller reads the same
 * settings, so a consumer fails, retries and resumes locally as it does in AWS.
 */
export interface StreamTrigger {
  kind: 'table-stream';
  filter: Record<string, unknown>;
  batchSize: number;
  /** Where a new mapping starts reading; afterwards it resumes from its checkpoint. */
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** Retries of a failed batch before its records are given up (to the dead-letter queue). */
  retryAttempts: number;
  /** Split a batch whose invocation failed in two and retry each half, to isolate a bad record. */
  bisectBatchOnError: boolean;
  /** The handler answers `{ batchItemFailures }` (partial batch response); retries start at the first failed record. */
  reportBatchItemFailures: boolean;
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
  /** Whether it reads the link signing key besides the mailer (it makes or checks a signed link). */
  readsLinkSigningKey?: boolean;
  timeoutSeconds?: number;
  memoryMb?: number;
}

/** Every trigger of one kind across the manifest, with its function and its position among that function's triggers of the kind. */
export function triggersOf<K extends Trigger['kind']>(manifest: readonly FunctionDeclaration[], kind: K) {
  return manifest.flatMap((fn) =>
    fn.triggers.filter((t): t is Extract<Trigger, { kind: K }> => t.kind === kind).map((trigger, index) => ({ fn, trigger, index })),
  );
}

export const httpRoutes = (manifest: readonly FunctionDeclaration[]) =>
  triggersOf(manifest, 'http').map(({ fn, trigger }) => ({ fn, route: trigger.route }));
export const schedules = (manifest: readonly FunctionDeclaration[]) => triggersOf(manifest, 'schedule');
export const streamConsumers = (manifest: readonly FunctionDeclaration[]) => triggersOf(manifest, 'table-stream');
export const eventBusConsumers = (manifest: readonly FunctionDeclaration[]) => triggersOf(manifest, 'event-bus');
