import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { outboxRepository } from '../../shared/adapters/dynamo/outbox-repository.js';
import { glokal } from '../../shared/adapters/dynamo/service.js';
import { useLocalApi } from '../support/local-api.js';
import { sentEmails, uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { queue, queueFailed, storedMessage, verificationTo } from '../support/outbox-helpers.js';
import { useMailer } from '../support/stream-poller.js';

const api = useLocalApi();
// New and retried messages reach the mailer through the table stream, with the manifest's filter, as under `npm start`.
useMailer();

/** The audit entries of today about one message. */
async function auditOf(messageId: string) {
  const { data } = await glokal.entities.auditEntry.query.byDay({ day: new Date().toISOString().slice(0, 10) }).go({ pages: 'all' });
  return data.filter((entry) => entry.target === `outbox/${messageId}`);
}

/** Waits until the message is in one of the statuses, or the deadline passes. */
async function waitForStatus(messageId: string, statuses: string[], timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = await storedMessage(messageId);
    if (statuses.includes(message.status) || Date.now() > deadline) return message;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('POST /admin/outbox/{id}/retry', () => {
  it('sends a FAILED message again: listed before, PENDING with its attempts reset, audited, delivered by the mailer, then gone from the index', async () => {
    const to = uniqueEmail('retried');
    const id = await queueFailed(verificationTo(to));
    const listed = await api.call('GET', '/admin/outbox?status=FAILED', { role: 'admin' });
    expect(listed.json.items).toContainEqual(expect.objectContaining({ messageId: id, status: 'FAILED', attempts: 5 }));

    const before = Date.now();
    const answer = await api.call('POST', `/admin/outbox/${id}/retry`, { role: 'admin' });

    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ messageId: id, to, status: 'PENDING', attempts: 0 });
    expect(answer.json).not.toHaveProperty('lastError');
    expect(Date.parse(answer.json.dueAt)).toBeGreaterThanOrEqual(before - 1000);
    const emails = await waitForEmails(to, 1);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toContain('Potwierdź adres e-mail');
    const sent = await waitForStatus(id, ['SENT']);
    expect(sent).toMatchObject({ status: 'SENT', attempts: 1 });
    expect(sent).not.toHaveProperty('gsi1pk');
    expect((await outboxRepository.listByStatus('FAILED', 100)).items.map((item) => item.messageId)).not.toContain(id);

    const [entry, ...others] = await auditOf(id);
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ action: 'outbox.retry', target: `outbox/${id}`, before: { status: 'FAILED', attempts: 5 }, after: { status: 'PENDING', attempts: 0 } });
    // People by ids: the administrator by the token's subject, the recipient not at all.
    expect(entry!.actor).toEqual({ subject: expect.stringMatching(/^local-/) });
    expect(JSON.stringify(entry)).not.toContain('@');
  });

  it('answers 404 for an unknown id and 409 for a message that is not FAILED, changing nothing', async () => {
    expect((await api.call('POST', `/admin/outbox/${randomUUID()}/retry`, { role: 'admin' })).status).toBe(404);

    const to = uniqueEmail('delivered');
    const delivered = await queue(verificationTo(to));
    await waitForEmails(to, 1);
    const sent = await waitForStatus(delivered, ['SENT']);
    const refusal = await api.call('POST', `/admin/outbox/${delivered}/retry`, { role: 'admin' });
    expect(refusal.status).toBe(409);
    expect(refusal.json.error).toMatchObject({ code: 'NOT_FAILED', message: 'Only a FAILED message can be retried; this one is SENT.' });
    expect(await storedMessage(delivered)).toEqual(sent);
    expect(await auditOf(delivered)).toEqual([]);
    expect(await sentEmails(to)).toHaveLength(1);
  });

  it('is for administrators: a viewer gets 403, no token 401', async () => {
    const id = await queueFailed(verificationTo(uniqueEmail('forbidden')));
    expect((await api.call('POST', `/admin/outbox/${id}/retry`, { role: 'viewer' })).status).toBe(403);
    expect((await api.call('POST', `/admin/outbox/${id}/retry`)).status).toBe(401);
    expect(await storedMessage(id)).toMatchObject({ status: 'FAILED', attempts: 5 });
  });

  it('of concurrent retries exactly one queues the message: one 200, the others 409, one audit entry, one email', async () => {
    const to = uniqueEmail('concurrent');
    const id = await queueFailed(verificationTo(to));

    const answers = await Promise.all(Array.from({ length: 6 }, () => api.call('POST', `/admin/outbox/${id}/retry`, { role: 'admin' })));

    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    for (const answer of answers.filter(({ status }) => status === 409)) expect(answer.json.error.code).toBe('NOT_FAILED');
    expect(await auditOf(id)).toHaveLength(1);
    await waitForStatus(id, ['SENT']);
    // SENT is final: nothing else can send it now, so the count is settled.
    expect(await sentEmails(to)).toHaveLength(1);
  });

  it('listing takes only FAILED: delivered and skipped messages are not in the status index', async () => {
    const answer = await api.call('GET', '/admin/outbox?status=SENT', { role: 'admin' });
    expect(answer.status).toBe(400);
    expect(answer.json.error.fields).toContainEqual(expect.objectContaining({ path: 'status' }));
  });
});
