import { config } from '../config.js';
import type { DeliveryDependencies, OutboxBacklog, OutboxListing, RetryDependencies } from '../domain/mail/ports.js';
import { systemClock } from '../platform/clock.js';
import { randomIds } from '../platform/ids.js';
import { renderEmail } from '../email/render.js';
import { logger } from '../platform/logger.js';
import { countMetric, metricNames } from '../platform/metrics.js';
import { outboxRepository } from '../adapters/dynamo/outbox-repository.js';
import { recipientRepository } from '../adapters/dynamo/recipient-repository.js';
import { tableSendRateLimiter } from '../adapters/dynamo/send-rate-limiter.js';
import { sesSender } from '../adapters/mail/ses-sender.js';
import { recipientStatesWithErasures, recipientStateWithErasures } from './erased-addresses.js';
import { linkSigningKey } from '../adapters/secrets/link-signing-key.js';
import { colleaguesPageToken } from '../platform/link-tokens.js';

/**
 * The composition root of email: the mailer's real adapters (tests replace
 * single ones, such as the clock or the sender, by spreading over this), and
 * the dependencies of the preference pages and SES feedback.
 */
export const deliveryDependencies: DeliveryDependencies = {
  clock: systemClock,
  render: (message, links) => renderEmail(message.template, message.data as never, message.lang, links),
  outbox: outboxRepository,
  recipients: { ...recipientRepository, state: recipientStateWithErasures, states: recipientStatesWithErasures },
  sender: sesSender,
  rateLimiter: tableSendRateLimiter(),
  publicBaseUrl: config.PUBLIC_BASE_URL,
  maxAttempts: config.MAIL_MAX_ATTEMPTS,
  leaseMs: 60_000,
  onFailed: (message, reason) => {
    countMetric(metricNames.emailsFailed);
    // SES sometimes quotes the address in its reason; logs must not keep it.
    const redacted = reason.replace(/[^\s<>"']+@[^\s<>"']+/g, '<address>');
    logger.error('email failed', { messageId: message.messageId, template: message.template, attempts: message.attempts, reason: redacted });
  },
};

/** The named query behind the sweep's backlog metric (the oldest pending message). */
export const outboxBacklog: OutboxBacklog = outboxRepository;

/** The preference pages behind unsubscribe links. */
export const preferencesDependencies = {
  store: recipientRepository,
  now: () => systemClock.now(),
  /** The token of the settings page's link to the colleagues form (signed, single-purpose). */
  colleaguesPageToken: async (preferencesToken: string) => colleaguesPageToken(await linkSigningKey(), preferencesToken),
};

/** Bounces and complaints. */
export const suppressionDependencies = { suppress: recipientRepository.suppress, now: () => systemClock.now() };

/** The named query behind GET /admin/outbox. */
export const outboxListing: OutboxListing = outboxRepository;

/** An administrator's retry of a FAILED message (POST /admin/outbox/{id}/retry). */
export const retryDependencies: RetryDependencies = { clock: systemClock, ids: randomIds, outbox: outboxRepository };
