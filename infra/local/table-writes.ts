import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

/** DynamoDB operations that may write an item, and so add a stream record (PartiQL statements may too). */
export const writeOperations: ReadonlySet<string> = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
  'ExecuteStatement',
  'BatchExecuteStatement',
  'ExecuteTransaction',
]);
const targetPrefix = 'DynamoDB_20120810.';

const listeners = new Set<() => void>();
const channels = ['http.client.response.finish', 'http.client.request.error'];

function onRequestDone(message: unknown) {
  const target = (message as { request?: ClientRequest }).request?.getHeader?.('x-amz-target');
  if (typeof target === 'string' && target.startsWith(targetPrefix) && writeOperations.has(target.slice(targetPrefix.length))) for (const listener of listeners) listener();
}

/**
 * Calls `listener` whenever a DynamoDB write made by this process has been
 * answered (or has failed: a write cut off after DynamoDB applied it still
 * wakes). Node's HTTP diagnostics channels see every request the AWS SDK
 * makes, so the local stream poller can read the stream the moment a
 * handler wrote, instead of polling an idle stream many times a second —
 * a hint only: writes from other processes are found by the poller's slower
 * idle poll.
 */
export function onTableWrites(listener: () => void): () => void {
  if (listeners.size === 0) for (const channel of channels) subscribe(channel, onRequestDone);
  listeners.add(listener);
  return () => {
    // The channels are left when the last listener goes, so no request pays for a check nobody wants.
    if (listeners.delete(listener) && listeners.size === 0) for (const channel of channels) unsubscribe(channel, onRequestDone);
  };
}
