import { manifest } from '../infra/manifest.js';
import { invokeFunction } from '../infra/local/load-handler.js';
import { scheduledEvent } from '../infra/local/scheduler.js';
import { metered, type Metered } from './meter.js';
import type { BenchApi } from './request-overhead.js';

/**
 * The work that happens whatever the traffic, for the cost model: the
 * mailer's sweep (every minute, nothing due) invoked as the schedule does,
 * and an administrator's read of the application list through the API.
 */
export interface IdleWork {
  sweeps: number;
  sweep: Metered;
  adminReads: number;
  adminRead: Metered;
}

export async function measureIdleWork(api: BenchApi, count = 20): Promise<IdleWork> {
  const mailer = manifest.find((fn) => fn.name === 'mailer')!;
  // Mail left pending (earlier work whose stream consumers did not run) is swept first, unmetered: the figure is a sweep with nothing to send.
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const swept = (await invokeFunction(mailer, scheduledEvent('mailer-sweep', new Date()))) as { found?: number } | undefined;
    if (!swept?.found) break;
  }
  const { usage: sweep } = await metered(async () => {
    for (let index = 0; index < count; index += 1) await invokeFunction(mailer, scheduledEvent('mailer-sweep', new Date()));
  });
  const { usage: adminRead } = await metered(async () => {
    for (let index = 0; index < count; index += 1) {
      const response = await fetch(`${api.baseUrl}/admin/applications?status=SUBMITTED`, { headers: { authorization: `Bearer ${api.adminToken}` } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET /admin/applications: HTTP ${response.status}`);
    }
  });
  return { sweeps: count, sweep, adminReads: count, adminRead };
}
