import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { config } from '../../shared/config.js';

/**
 * Every item of the test file's table, each as a JSON line, sorted by key: two
 * dumps are equal exactly when nothing was written in between. (A scan: fine
 * for a test table, never on a request path.)
 */
export async function tableDump(): Promise<string[]> {
  const lines: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new ScanCommand({ TableName: config.TABLE_NAME, ConsistentRead: true, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) lines.push(JSON.stringify(Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return lines.sort();
}

/** A dump once background work (the mailer delivering what was queued) has stopped writing: two dumps in a row alike, no email waiting. */
export async function settledTableDump(timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let previous = await tableDump();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const current = await tableDump();
    const waiting = current.some((line) => /"status":"(PENDING|SENDING)"/.test(line) && line.includes('"entity":"OUTBOX"'));
    if ((!waiting && current.join('\n') === previous.join('\n')) || Date.now() > deadline) return current;
    previous = current;
  }
}
