import { SESv2Client } from '@aws-sdk/client-sesv2';
import { config } from '../../config.js';
import { traced } from '../../platform/tracer.js';

const address = /[^\s<>"'()[\],;:]+@[^\s<>"'()[\],;:]+/g;

/**
 * SES quotes addresses in some refusals ("… failed the check …: jan@szkola.pl").
 * This middleware rewrites them to `<address>` before anything above it sees
 * the error: the X-Ray subsegment of the call (the tracer's middleware runs
 * in the earlier `build` step, so it wraps this one), the logs and the
 * outbox's `lastError`.
 */
export function redactAddressesInErrors(client: SESv2Client): SESv2Client {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (error instanceof Error) error.message = error.message.replace(address, '<address>');
        throw error;
      }
    },
    { step: 'finalizeRequest', priority: 'high', name: 'redactAddressesInErrors' },
  );
  return client;
}

/**
 * Built once per container; only the mailer imports it. Captured by the
 * tracer like the DynamoDB client: X-Ray records the operation, never the
 * message, and errors reach it with addresses redacted.
 */
export const sesClient = traced(
  redactAddressesInErrors(
    new SESv2Client({
      region: config.AWS_REGION,
      ...(config.SES_ENDPOINT ? { endpoint: config.SES_ENDPOINT } : {}),
      // A hanging SES fails this attempt (the outbox retries it later) instead of holding the mailer to its timeout.
      requestHandler: { connectionTimeout: config.SES_CONNECT_TIMEOUT_MS, requestTimeout: config.SES_REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
    }),
  ),
);
