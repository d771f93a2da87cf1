import { config } from '../../config.js';
import type { DeliveryDependencies, OutboxBacklog } from '../../domain/mail/ports.js';
import { systemClock } from '../../platform/clock.js';
import { renderEmail } from '../../email/render.js';
import { logger } from '../../platform/logger.js';
import { countMetric, metricNames } from '../../platform/metrics.js';
import { outboxRepository } from '../dynamo/outbox-repository.js';
import { recipientRepository } from '../dynamo/recipient-repository.js';
import { tableSendRateLimiter } from '../dynamo/send-rate-limiter.js';
import { sesSender } from './ses-sender.js';

/** The mailer's real adapters; tests replace single ones (clock, sender) by spreading over this. */
export const deliveryDependencies: DeliveryDependencies = {
  clock: systemClock,
  render: (message, links) => renderEmail(message.template, message.data as never, message.lang, links),
  outbox: outboxRepository,
  recipients: recipientRepository,
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
