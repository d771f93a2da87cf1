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

/** Whether an item is background work still under way: an email waiting to be sent, a run still running. */
const underWay = (line: string) =>
  (/"status":"(PENDING|SENDING)"/.test(line) && line.includes('"entity":"OUTBOX"')) || (/"status":"RUNNING"/.test(line) && /"entity":"[A-Z_]*RUN"/.test(line));

/**
 * A dump once background work (the mailer, invitation and fan-out runs) has
 * stopped writing: two dumps in a row alike, nothing under way. Throws,
 * naming what is still under way, when that does not happen in time.
 */
export async function settledTableDump(timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let previous = await tableDump();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const current = await tableDump();
    const waiting = current.filter(underWay);
    if (waiting.length === 0 && current.join('\n') === previous.join('\n')) return current;
    if (Date.now() > deadline) throw new Error(`The table did not settle in ${timeoutMs} ms; under way: ${waiting.map((line) => line.slice(0, 300)).join('\n') || '(nothing, but it kept changing)'}`);
    previous = current;
  }
}
