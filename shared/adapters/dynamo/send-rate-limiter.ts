import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../../config.js';
import type { SendRateLimiter } from '../../domain/mail/ports.js';
import { documentClient } from './client.js';
import { entities, keys } from './keys.js';

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
          await documentClient.send(
            new UpdateCommand({
              TableName: config.TABLE_NAME,
              Key: keys.sendRateWindow(second),
              UpdateExpression: 'ADD sent :one SET entity = :entity, expiresAt = :expiresAt',
              ConditionExpression: 'attribute_not_exists(sent) OR sent < :limit',
              ExpressionAttributeValues: { ':one': 1, ':limit': perSecond, ':entity': entities.rateWindow, ':expiresAt': second + 3600 },
            }),
          );
          return;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
          await sleep(1000 - (now() % 1000) + Math.floor(Math.random() * 20));
        }
      }
    },
  };
}
