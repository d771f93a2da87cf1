import { config } from '../../config.js';
import type { SendRateLimiter } from '../../domain/mail/ports.js';
import { glokal } from './service.js';
import { isConditionFailure } from './transaction.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Slots one write takes from the window. At SES's default rate (14 a second)
 * one per email; at a high rate a write per email would cost as much as the
 * email's own outbox writes, so a twentieth of the rate is taken at once: a
 * mailer that ends its second with slots left wastes at most that share.
 */
export const slotsPerWrite = (perSecond: number) => Math.max(1, Math.floor(perSecond / 20));

/**
 * A fixed window per wall-clock second, counted in the table: every mailer
 * invocation, however many run at once, takes its slots from the same
 * counter, so the account's SES sending rate holds across them. Slots taken
 * and not yet used are this limiter's own (one per invocation's process).
 */
export function tableSendRateLimiter(perSecond: number = config.MAIL_SEND_RATE, now: () => number = Date.now): SendRateLimiter {
  let held = { second: -1, slots: 0 };

  /** Adds `count` to the second's counter unless that would pass the rate. */
  async function take(second: number, count: number): Promise<boolean> {
    try {
      await glokal.entities.sendRateWindow
        .update({ second })
        .add({ sent: count })
        .set({ expiresAt: second + 3600 })
        .where((attribute, { notExists, lte }) => `${notExists(attribute.sent)} OR ${lte(attribute.sent, perSecond - count)}`)
        .go();
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  }

  return {
    async acquire() {
      for (;;) {
        const second = Math.floor(now() / 1000);
        if (held.second === second && held.slots > 0) {
          held.slots -= 1;
          return;
        }
        const block = slotsPerWrite(perSecond);
        // A whole block, else the last slots of the second one by one.
        if (await take(second, block)) {
          // Sends in flight at once may each have taken a block: their spare slots add up.
          held = held.second === second ? { second, slots: held.slots + block - 1 } : { second, slots: block - 1 };
          return;
        }
        if (block > 1 && (await take(second, 1))) return;
        await sleep(1000 - (now() % 1000) + Math.floor(Math.random() * 20));
      }
    },
  };
}
