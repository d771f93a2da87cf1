import type { OutboxBacklog } from './ports.js';

/**
 * How late the outbox is: the seconds since the PENDING message that has
 * been due longest became due (for a new message, since it was queued); 0
 * when nothing is pending or the first one is still waiting out its retry
 * delay. The stream delivers at once and the sweep runs every minute, so a
 * figure of minutes means mail is not going out.
 */
export async function oldestPendingAgeSeconds(outbox: OutboxBacklog, now: Date): Promise<number> {
  const oldest = await outbox.oldestPending();
  if (!oldest) return 0;
  return Math.max(0, Math.floor((now.getTime() - Date.parse(oldest.dueAt)) / 1000));
}
