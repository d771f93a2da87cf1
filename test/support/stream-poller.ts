import { afterAll, beforeAll } from 'vitest';
import { manifest } from '../../infra/manifest.js';
import { startStreamPoller } from '../../infra/local/stream-poller.js';
import { config } from '../../shared/config.js';

/** Runs the local stack's stream → mailer path for one test file, so emails flow as they do under `npm start`. */
export function useMailer() {
  let poller: Awaited<ReturnType<typeof startStreamPoller>> | undefined;
  const lines: string[] = [];
  beforeAll(async () => {
    poller = await startStreamPoller(manifest, { endpoint: config.DYNAMODB_ENDPOINT!, tableName: config.TABLE_NAME, log: (line) => lines.push(line), intervalMs: 100 });
  });
  afterAll(() => poller?.stop());
  return { log: () => lines.join('\n') };
}
