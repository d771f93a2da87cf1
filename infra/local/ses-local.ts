import type { Server } from 'node:http';
import sesModule from 'aws-ses-v2-local';
import { ensurePortFree } from './port-check.js';
import type { RunningProcess } from './dynamodb-local.js';

/** Local SES v2 in this process; its page of sent mail is at the root URL, the JSON at /store. */
export async function startLocalSes(port: number): Promise<RunningProcess & { url: string }> {
  await ensurePortFree(port, 'local SES');
  // A CommonJS module: under ESM its `exports.default` arrives one level down.
  const start = ((sesModule as unknown as { default?: typeof sesModule }).default ?? sesModule) as (config: { port: number; host: string }) => Promise<Server>;
  const server = await start({ port, host: '127.0.0.1' });
  return {
    url: `http://localhost:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
