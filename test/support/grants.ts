import { fanOutRepository } from '../../shared/adapters/dynamo/fan-out-repository.js';
import { grantDigestDependencies } from '../../shared/composition/grant-digests.js';
import type { FanOutRun } from '../../shared/domain/fanout/fan-out.js';
import { runFanOutStep } from '../../shared/domain/fanout/run-fan-out.js';
import { grantDayRunId, grantDayScope, grantDigestKind, grantDigestPager, startGrantDay } from '../../shared/domain/grants/digest-run.js';
import { fixedClock } from '../../shared/platform/clock.js';
import { parseWarsawLocalTime } from '../../shared/domain/calendar/warsaw-time.js';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { config } from '../../shared/config.js';
import { queuedMessagesTo } from './queued-messages.js';
import { expect } from 'vitest';
import type { Answer, CallOptions } from './local-api.js';

type Call = (method: string, path: string, options?: CallOptions) => Promise<Answer>;

/** A valid funding call as an administrator sends it (deadline in Warsaw local time). */
export const grantBody = (overrides: Record<string, unknown> = {}) => ({
  programme: 'Erasmus+',
  callIdentifier: 'KA220-VET-2027',
  title: { pl: 'Partnerstwa współpracy w kształceniu zawodowym', en: 'Cooperation partnerships in vocational education' },
  url: 'https://erasmus-plus.ec.europa.eu/',
  deadline: '2027-03-05T12:00',
  audience: { scope: 'segment', memberTypes: [], interests: ['vocational_education'] },
  ...overrides,
});

/** A call created through the API: its view. */
export async function createdGrant(call: Call, overrides: Record<string, unknown> = {}) {
  const answer = await call('POST', '/admin/grants', { role: 'admin', json: grantBody(overrides) });
  expect(answer.status, answer.text).toBe(201);
  return answer.json as { callId: string; version: number; offsets: number[]; [field: string]: unknown };
}

/** Posts a CSV file's bytes as the import does it. */
export async function postCsv(baseUrl: string, token: string, bytes: Uint8Array, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}/admin/grants/import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', ...headers }, body: bytes });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) };
}

// ─── The daily run, driven in-process with an injected clock ────────────────

/** The scheduler's 08:00 Warsaw on a date (UTC+1 in winter, UTC+2 in summer). */
export const eightAm = (date: string) => {
  const parsed = parseWarsawLocalTime(`${date}T08:00`);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.instant;
};

/** The run's dependencies with the clock at the scheduler's time of that day. */
export function digestDependencies(date: string) {
  const clock = fixedClock(eightAm(date));
  return { clock, deps: { ...grantDigestDependencies, clock } };
}

/** Steps a day's run to its end as the fan-out runner would (one step per advance); returns the finished run. */
export async function stepToEnd(date: string, options: { start?: boolean } = {}): Promise<FanOutRun> {
  const { clock, deps } = digestDependencies(date);
  if (options.start ?? true) await startGrantDay(eightAm(date), deps);
  const runner = { clock, runs: fanOutRepository, kinds: { [grantDigestKind]: grantDigestPager(deps) } };
  for (let steps = 0; steps < 1000; steps += 1) {
    const run = await retried(() => runFanOutStep(grantDayScope(date), grantDayRunId, runner));
    if (!run || run.status !== 'RUNNING') return run!;
  }
  throw new Error(`the run of ${date} did not end`);
}

/**
 * A step that failed (DynamoDB Local busy on a shared machine: a connection
 * timeout) is taken again, as the table stream retries a failed record.
 */
export async function retried<T>(step: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** Runs one day: starts it and steps it to its end. */
export const runDay = (date: string) => stepToEnd(date);

export type QueuedDigest = { messageId: string; template: string; to: string; lang: string; data: { contactName: string; calls: Array<Record<string, any>>; stopUrl: string } };

/** The digests queued to an address (the outbox items, known at once: no waiting on the mailer). */
export async function digestsTo(email: string): Promise<QueuedDigest[]> {
  return ((await queuedMessagesTo(email)) as unknown as QueuedDigest[]).filter((message) => message.template === 'grant-reminder-digest').sort((a, b) => a.messageId.localeCompare(b.messageId));
}

/** The token of a digest link (`…/grant-reminders/<token>`). */
export const grantLinkToken = (url: string) => decodeURIComponent(url.split('/grant-reminders/')[1]!);

/** Every digest queued in the test file's table, by address: one scan for many addresses (a scan: fine for a test table). */
export async function digestsByAddress(): Promise<Map<string, QueuedDigest[]>> {
  const found = new Map<string, QueuedDigest[]>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({
        TableName: config.TABLE_NAME,
        FilterExpression: 'begins_with(pk, :outbox) AND #template = :digest',
        ExpressionAttributeNames: { '#template': 'template' },
        ExpressionAttributeValues: { ':outbox': 'OUTBOX#', ':digest': 'grant-reminder-digest' },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of (page.Items ?? []) as QueuedDigest[]) found.set(item.to, [...(found.get(item.to) ?? []), item]);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}
