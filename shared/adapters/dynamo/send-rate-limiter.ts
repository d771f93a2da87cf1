import { config } from '../../config.js';
import type { SendRateLimiter } from '../../domain/mail/ports.js';
import { glokal } from './service.js';
import { isConditionFailure } from './transaction.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A fixed window per wall-clock second, counted in the table: every mailer
 * invocation, however many run at once, takes its slot from the same counter,
 * so the account's SES sending rate holds across them.
 */
export function tableSendRateLimiter(perSecond: number = config.MAIL_SEND_RATE, now: () => number = Date.now): SendRateLimiter {
  return {
    async acquire() {
      for (;;) {
        const second = Math.floor(now() / 1000);
        try {
          await glokal.entities.sendRateWindow
            .update({ second })
            .add({ sent: 1 })
            .set({ expiresAt: second + 3600 })
            .where((attribute, { notExists, lt }) => `${notExists(attribute.sent)} OR ${lt(attribute.sent, perSecond)}`)
            .go();
          return;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          await sleep(1000 - (now() % 1000) + Math.floor(Math.random() * 20));
        }
      }
    },
  };
}
