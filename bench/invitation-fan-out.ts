import { manifest } from '../infra/manifest.js';
import { startStreamPoller } from '../infra/local/stream-poller.js';
import { writeMembers } from '../shared/adapters/dynamo/member-bulk-writer.js';
import { sesClient } from '../shared/adapters/mail/ses-client.js';
import { sesSender } from '../shared/adapters/mail/ses-sender.js';
import { config } from '../shared/config.js';
import { deliveryDependencies } from '../shared/composition/mail.js';
import { deliverMessage } from '../shared/domain/mail/deliver-message.js';
import { renderEmail } from '../shared/email/render.js';
import { templates } from '../shared/email/templates/index.js';
import { mapWithConcurrency } from '../shared/platform/concurrency.js';
import { mailbox } from '../test/support/mailbox.js';
import { newAudience, seedMembers } from '../test/support/member-audience.js';
import { queue } from '../test/support/outbox-helpers.js';
import { metered, type Metered } from './meter.js';
import type { BenchApi } from './request-overhead.js';

/**
 * Invitation fan-out (issue 13, item 4): an event's invitations to every
 * contact, from the administrator's POST to the last email accepted by local
 * SES, through the table stream, the invitation runner, the outbox and the
 * mailer (the send rate lifted: MAIL_SEND_RATE is set by the caller before
 * the configuration is read). Compared with the same number of plain SES sends
 * at the mailer's concurrency, and with deliveries through the delivery use
 * case one at a time, so the cost of the outbox shows.
 */
export interface FanOutResult {
  contacts: number;
  endToEnd: { seconds: number; perSecond: number; runSeconds: number };
  plainSes: { sends: number; perSecond: number };
  oneByOne: { sends: number; perSecond: number };
  /** Emails that arrived in local SES for the audience (each exactly once). */
  arrived: number;
  distinctAddresses: number;
  usage: Metered;
}

/** The mailer's sends in flight (functions/mail/deliver-outbox.ts, parallelSends). */
export const mailerConcurrency = 5;

/** The manifest with every stream consumer starting at the stream's end, so records written before the measurement are not replayed into it. */
const fromNowOn = manifest.map((fn) => ({ ...fn, triggers: fn.triggers.map((trigger) => (trigger.kind === 'table-stream' ? { ...trigger, startingPosition: 'LATEST' as const } : trigger)) }));

/** Resolves when SES has accepted `count` sends to the addresses, with the time of the last. */
function sesAcceptance(addresses: Set<string>, count: number) {
  let accepted = 0;
  let lastAt = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const name = `bench-fan-out-${Math.random().toString(36).slice(2)}`;
  sesClient.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const to = (args.input as { Destination?: { ToAddresses?: string[] } }).Destination?.ToAddresses?.[0];
      if (to && addresses.has(to)) {
        accepted += 1;
        lastAt = performance.now();
        if (accepted >= count) done();
      }
      return result;
    },
    { step: 'initialize', name },
  );
  return { finished, lastAt: () => lastAt, remove: () => sesClient.middlewareStack.remove(name) };
}

async function plainSesLoop(sends: number): Promise<number> {
  const rendered = renderEmail('event-invitation', templates['event-invitation'].sample, 'pl');
  const started = performance.now();
  await mapWithConcurrency(
    Array.from({ length: sends }, (_, index) => index),
    mailerConcurrency,
    (index) => sesSender.send({ to: `plain-${index}@bench.example`, ...rendered, headers: [], attachments: [] }),
  );
  return sends / ((performance.now() - started) / 1000);
}

async function deliveriesOneByOne(sends: number): Promise<number> {
  const ids: string[] = [];
  for (let index = 0; index < sends; index += 1) ids.push(await queue({ to: `one-${index}-${Math.random().toString(36).slice(2)}@bench.example`, lang: 'pl', template: 'event-invitation', data: templates['event-invitation'].sample }, new Date(Date.now() - 1000)));
  const deps = { ...deliveryDependencies, rateLimiter: { acquire: async () => undefined } };
  const started = performance.now();
  for (const id of ids) await deliverMessage(id, deps);
  return sends / ((performance.now() - started) / 1000);
}

export async function measureInvitationFanOut(api: BenchApi, sizes: { contacts: number; plainSends: number; oneByOne: number }): Promise<FanOutResult> {
  if (Number(config.MAIL_SEND_RATE) < 500) throw new Error(`the send rate must be lifted for the fan-out (MAIL_SEND_RATE is ${config.MAIL_SEND_RATE})`);
  // The baselines first, before the stream is read: their outbox items are then behind the consumers' starting point.
  const plainPerSecond = await plainSesLoop(sizes.plainSends);
  const oneByOnePerSecond = await deliveriesOneByOne(sizes.oneByOne);

  const perMember = 10;
  const audience = newAudience({ members: Math.ceil(sizes.contacts / perMember), contactsPerMember: perMember, label: 'fanout' });
  audience.contacts = audience.contacts.slice(0, sizes.contacts);
  audience.members.at(-1)!.contactCount = perMember - (audience.members.length * perMember - sizes.contacts);
  await seedMembers(audience);
  const addresses = new Set(audience.contacts.map((contact) => contact.email));

  // The consumers start at the stream's end; their shard iterators open after the poller starts, so nothing is written until they have.
  const poller = await startStreamPoller(fromNowOn, { endpoint: config.DYNAMODB_ENDPOINT!, tableName: config.TABLE_NAME, log: () => undefined, intervalMs: 250 });
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const admin = { authorization: `Bearer ${api.adminToken}`, 'content-type': 'application/json' };
  const created = await fetch(`${api.baseUrl}/admin/events`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({
      title: { pl: 'Forum Kształcenia Zawodowego (bench)', en: 'Vocational Education Forum (bench)' },
      description: { pl: 'Pomiar rozsyłki zaproszeń.', en: 'Invitation fan-out measurement.' },
      type: 'conference',
      start: '2030-01-21T10:00',
      end: '2030-01-21T15:00',
      rsvpDeadline: '2030-01-14T23:59',
      venue: 'Centrum Konferencyjne, ul. Wystawowa 1, Wrocław',
      capacity: sizes.contacts + 100,
      audience: { scope: 'all' },
      extraInvitees: [],
    }),
  });
  if (created.status !== 201) throw new Error(`event: HTTP ${created.status} ${await created.text()}`);
  const { eventId } = (await created.json()) as { eventId: string };

  const acceptance = sesAcceptance(addresses, sizes.contacts);
  // Local SES is read from this second on: the baselines' emails before it are not fetched again.
  const sinceSecond = Math.floor(Date.now() / 1000) - 1;
  try {
    const { usage, result } = await metered(async () => {
      const started = performance.now();
      const answer = await fetch(`${api.baseUrl}/admin/events/${eventId}/invitations`, { method: 'POST', headers: { authorization: admin.authorization } });
      if (answer.status !== 202) throw new Error(`invitations: HTTP ${answer.status} ${await answer.text()}`);
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the fan-out did not finish within 10 minutes')), 600_000).unref());
      await Promise.race([acceptance.finished, timeout]);
      const seconds = (acceptance.lastAt() - started) / 1000;
      const view = await fetch(`${api.baseUrl}/admin/events/${eventId}`, { headers: { authorization: admin.authorization } });
      const run = ((await view.json()) as { invitationRuns?: Array<{ status: string; startedAt?: string; finishedAt?: string }> }).invitationRuns?.[0];
      const runSeconds = run?.startedAt && run.finishedAt ? (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000 : Number.NaN;
      // The last invocations end after their last send: metered until the stream consumers have stopped.
      await poller.stop();
      return { seconds, runSeconds };
    });
    // What local SES holds for the audience: each address exactly once.
    const arrived = (await mailbox(config.SES_ENDPOINT!, sinceSecond).emails()).filter((email) => addresses.has(email.destination.to[0]!));
    return {
      contacts: sizes.contacts,
      endToEnd: { seconds: result.seconds, perSecond: sizes.contacts / result.seconds, runSeconds: result.runSeconds },
      plainSes: { sends: sizes.plainSends, perSecond: plainPerSecond },
      oneByOne: { sends: sizes.oneByOne, perSecond: oneByOnePerSecond },
      arrived: arrived.length,
      distinctAddresses: new Set(arrived.map((email) => email.destination.to[0])).size,
      usage,
    };
  } finally {
    acceptance.remove();
    await poller.stop();
    // Later parts page the active members (the grant run): this audience leaves them, as a member suspended by the office does.
    await writeMembers({ members: audience.members.map((member) => ({ ...member, status: 'SUSPENDED' as const })), contacts: [] });
  }
}
