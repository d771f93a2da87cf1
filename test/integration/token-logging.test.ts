import { describe, expect, it, vi } from 'vitest';
import { deliverDueMessages } from '../../shared/domain/mail/deliver-message.js';
import { captureOutput } from '../support/captured-output.js';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { invitationTo, queue, testDelivery } from '../support/outbox-helpers.js';

// Everything the functions could log, including the whole event if a deployment ever sets POWERTOOLS_LOGGER_LOG_EVENT.
vi.hoisted(() => {
  process.env.LOG_LEVEL = 'DEBUG';
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
});

const accessLog: string[] = [];
const api = useLocalApi((line) => accessLog.push(line));

async function unsubscribeToken(): Promise<string> {
  const to = uniqueEmail('token-log');
  await queue(invitationTo(to));
  const { deps, clock } = testDelivery();
  clock.advance(1000);
  await deliverDueMessages(deps, { limit: 500, hasTimeLeft: () => true });
  const [email] = await waitForEmails(to, 1);
  const link = email!.headers!.find((header) => header.name === 'List-Unsubscribe')!.value.slice(1, -1);
  return new URL(link).pathname.split('/').pop()!;
}

describe('link tokens stay out of every log', () => {
  it('the access log names route templates, and neither it nor the functions’ logs show a token', async () => {
    const token = await unsubscribeToken();
    const unknownToken = `unknown-${'q'.repeat(30)}`;
    const verificationToken = `verify-${'v'.repeat(30)}`;
    const statuses: number[] = [];
    const call = async (method: string, path: string, body?: URLSearchParams) => {
      const response = await fetch(`${api.baseUrl()}${path}`, { method, body, redirect: 'manual' });
      await response.text();
      statuses.push(response.status);
    };

    const output = await captureOutput(async () => {
      await call('GET', `/unsubscribe/${token}?category=events`);
      await call('POST', `/unsubscribe/${token}?category=events`, new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }));
      await call('GET', `/unsubscribe/${unknownToken}`);
      await call('GET', `/applications/verify?token=${verificationToken}`);
      await call('POST', '/applications/verify', new URLSearchParams({ token: verificationToken }));
      await call('GET', `/unsubscribe/${token}/not-a-route`);
    });

    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(accessLog).toEqual([
      expect.stringMatching(/^GET \/unsubscribe\/\{token\} → 200 \(\d+ ms\)$/),
      expect.stringMatching(/^POST \/unsubscribe\/\{token\} → 200 /),
      expect.stringMatching(/^GET \/unsubscribe\/\{token\} → 404 /),
      expect.stringMatching(/^GET \/applications\/verify → \d{3} /),
      expect.stringMatching(/^POST \/applications\/verify → \d{3} /),
      expect.stringMatching(/^GET \(no route\) → 404 /),
    ]);
    const everything = `${accessLog.join('\n')}\n${output}`;
    for (const secret of [token, unknownToken, verificationToken]) expect(everything).not.toContain(secret);
  });
});
