import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { newOutboxItem } from '../../shared/adapters/dynamo/outbox-repository.js';
import { glokal } from '../../shared/adapters/dynamo/service.js';
import { writeTogether } from '../../shared/adapters/dynamo/transaction.js';
import { deliveryDependencies } from '../../shared/composition/mail.js';
import { config } from '../../shared/config.js';
import type { NewMessage, OutboxMessage } from '../../shared/domain/mail/outbox-message.js';
import type { DeliveryDependencies } from '../../shared/domain/mail/ports.js';
import { templates } from '../../shared/email/templates/index.js';
import { fixedClock } from '../../shared/platform/clock.js';
import { storedKeys } from './stored-keys.js';

/** Queues a message as a use case does (in a transaction; refused with ConditionsFailed if its id is taken). */
export async function queue(message: NewMessage, now = new Date()): Promise<string> {
  const item = newOutboxItem(message, now);
  await writeTogether((tx) => ({ message: tx.outboxMessage.create(item).commit() }));
  return item.messageId;
}

/**
 * A message the mailer gave up on, as it leaves one (FAILED after its
 * attempts, content kept for a retry). Written FAILED at once: the mailer's
 * stream filter leaves it alone, as it leaves the mailer's own FAILED updates.
 */
export async function queueFailed(message: NewMessage, attempts = 5): Promise<string> {
  const item = newOutboxItem(message, new Date(Date.now() - 3_600_000));
  await glokal.entities.outboxMessage
    .create({ ...item, status: 'FAILED', statusPartition: 'FAILED', attempts, lastError: `Gave up after ${attempts} attempts. Last: InternalFailure` })
    .go();
  return item.messageId;
}

export function verificationTo(to: string, lang: 'pl' | 'en' = 'pl'): NewMessage {
  return { to, lang, template: 'application-verification', data: templates['application-verification'].sample };
}

export function invitationTo(to: string): NewMessage {
  return { to, lang: 'en', template: 'event-invitation', data: templates['event-invitation'].sample };
}

export async function storedMessage(messageId: string): Promise<OutboxMessage> {
  const result = await documentClient.send(new GetCommand({ TableName: config.TABLE_NAME, Key: storedKeys.outboxMessage(messageId), ConsistentRead: true }));
  return result.Item as OutboxMessage;
}

/** Mailer dependencies with a clock the test moves and no send-rate wait. */
export function testDelivery(overrides: Partial<DeliveryDependencies> = {}) {
  const clock = fixedClock(new Date());
  const deps: DeliveryDependencies = { ...deliveryDependencies, clock, rateLimiter: { acquire: async () => undefined }, random: () => 0.5, ...overrides };
  return { clock, deps };
}

/** An SES endpoint that answers every request with the given failure, like an outage or a refusal. */
export async function failingSes(status: number, errorType: string): Promise<{ client: SESv2Client; close(): Promise<void>; requests: () => number }> {
  let requests = 0;
  const server: Server = createServer((request, response) => {
    requests += 1;
    request.resume();
    response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': errorType });
    response.end(JSON.stringify({ message: `${errorType} (test)` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new SESv2Client({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'eu-central-1',
    maxAttempts: 1,
  });
  return {
    client,
    requests: () => requests,
    close: async () => {
      client.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
