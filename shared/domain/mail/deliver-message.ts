import type { EmailCategory } from './categories.js';
import { messageCategories } from './messages.js';
import type { OutboxMessage, DeliveryOutcome } from './outbox-message.js';
import { retryDelayMs } from './backoff.js';
import { PermanentSendError, type DeliveryDependencies, type FooterLinks, type OutgoingEmail, type RecipientState } from './ports.js';
import { preferencesUrl, unsubscribeHeaders, unsubscribeUrl } from './unsubscribe-links.js';

async function compose(message: OutboxMessage, category: EmailCategory, recipient: RecipientState, deps: DeliveryDependencies): Promise<OutgoingEmail> {
  let links: FooterLinks = {};
  let headers: OutgoingEmail['headers'] = [];
  if (category !== 'transactional') {
    const token = await deps.recipients.preferencesToken(message.to, message.lang, recipient);
    const oneClick = unsubscribeUrl(deps.publicBaseUrl, token, category);
    links = { unsubscribeUrl: oneClick, preferencesUrl: preferencesUrl(deps.publicBaseUrl, token) };
    headers = unsubscribeHeaders(oneClick);
  }
  const rendered = deps.render(message, links);
  return { to: message.to, ...rendered, headers, attachments: message.attachments ?? [] };
}

async function attempt(message: OutboxMessage, deps: DeliveryDependencies): Promise<DeliveryOutcome> {
  // Preferences are checked at send time (a stream batch's, when the batch starts): an unsubscribe after the message was queued still counts.
  const recipient = await deps.recipients.state(message.to);
  if (recipient.suppressed) return { status: 'SUPPRESSED', reason: recipient.suppressed.reason };
  const category = messageCategories[message.template];
  if (category !== 'transactional' && recipient.unsubscribed.includes(category)) return { status: 'UNSUBSCRIBED' };

  const email = await compose(message, category, recipient, deps);
  await deps.rateLimiter.acquire();
  try {
    const sesMessageId = await deps.sender.send(email);
    return { status: 'SENT', sesMessageId, subject: email.subject };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (error instanceof PermanentSendError) return { status: 'FAILED', reason };
    if (message.attempts >= deps.maxAttempts) return { status: 'FAILED', reason: `Gave up after ${message.attempts} attempts. Last: ${reason}` };
    const dueAt = new Date(deps.clock.now().getTime() + retryDelayMs(message.attempts, deps.random)).toISOString();
    return { status: 'PENDING', dueAt, reason };
  }
}

const recordAttempts = 4;

/**
 * Records the attempt's outcome. Once SES has accepted a message, losing this
 * write to a passing DynamoDB timeout would send it again when the lease
 * expires; the write is conditional on our lease, so trying it again is safe.
 */
async function record(message: OutboxMessage, outcome: DeliveryOutcome, deps: DeliveryDependencies): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await deps.outbox.finish(message, outcome, deps.clock.now());
    } catch (error) {
      if (attempt >= recordAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
}

/**
 * One delivery attempt of one outbox message. The claim (a conditional write
 * with a lease) makes concurrent mailers send each message once; a mailer
 * that crashes mid-send leaves a lease that expires, and the sweep retries.
 */
export async function deliverMessage(messageId: string, deps: DeliveryDependencies): Promise<DeliveryOutcome | 'not-claimed'> {
  const message = await deps.outbox.claim(messageId, deps.clock.now(), deps.leaseMs);
  if (!message) return 'not-claimed';
  const outcome = await attempt(message, deps);
  await record(message, outcome, deps);
  if (outcome.status === 'FAILED') deps.onFailed?.(message, outcome.reason);
  return outcome;
}

/**
 * The dependencies for a batch of messages to these addresses, with their
 * recipients read once, before the first send (the mailer's stream batch: a
 * few batch gets instead of reads per message). An address not among them is
 * read when its message is sent, as always.
 */
export async function withRecipientsRead(addresses: readonly string[], deps: DeliveryDependencies): Promise<DeliveryDependencies> {
  if (addresses.length === 0) return deps;
  const known = await deps.recipients.states(addresses);
  return { ...deps, recipients: { ...deps.recipients, state: async (email) => known.get(email) ?? deps.recipients.state(email) } };
}

/** The sweep: every message whose time has come (retries, expired leases, anything the stream missed). */
export async function deliverDueMessages(deps: DeliveryDependencies, options: { limit: number; hasTimeLeft: () => boolean }) {
  const ids = await deps.outbox.dueMessageIds(deps.clock.now(), options.limit);
  const counts: Record<string, number> = {};
  for (const id of ids) {
    if (!options.hasTimeLeft()) break;
    const outcome = await deliverMessage(id, deps);
    const key = typeof outcome === 'string' ? outcome : outcome.status;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return { found: ids.length, counts };
}
