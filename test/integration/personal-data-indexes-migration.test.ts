import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { personalDataIndexes } from '../../scripts/migrations/personal-data-indexes.js';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { config } from '../../shared/config.js';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail } from '../support/mailbox.js';
import { applicationBody, item } from '../support/organisations.js';
import { storedKeys } from '../support/stored-keys.js';

/*
 * Items stored before issue 12 (trust): audit entries without the actor and
 * target indexes and with the administrator's address, applications and
 * outbox messages without the address index, a rejected application without
 * its TTL. `npm run migrate` (personal-data-indexes) brings them to what
 * GET /admin/audit and the data subject requests find by key; a second run
 * changes nothing.
 */
const api = useLocalApi();
const put = (entry: Record<string, unknown>) => documentClient.send(new PutCommand({ TableName: config.TABLE_NAME, Item: entry }));

describe('migration personal-data-indexes', () => {
  it('indexes old audit entries (dropping the actor’s address), old applications and outbox messages by address, and gives rejections their TTL', async () => {
    const at = '2026-06-01T10:00:00.000Z';
    const auditId = randomUUID();
    const applicationId = randomUUID();
    const messageId = randomUUID();
    const email = uniqueEmail('Legacy.Applicant');
    const body = applicationBody({ email });
    await put({ pk: `AUDIT#2026-06-01`, sk: `${at}#${auditId}`, entity: 'AUDIT', auditId, at, day: '2026-06-01', actor: { subject: 'sub-legacy', email: 'old.admin@glokal.test' }, action: 'application.reject', target: `application/${applicationId}`, before: { status: 'SUBMITTED' }, after: { status: 'REJECTED' } });
    await put({
      pk: `APPLICATION#${applicationId}`, sk: 'APPLICATION', entity: 'APPLICATION', applicationId, status: 'REJECTED', statusAt: at, createdAt: '2026-05-30T10:00:00.000Z', decidedAt: at, decidedBy: 'sub-legacy', rejectionReason: 'Poza regionem.',
      organisation: body.organisation, contact: body.contact, interests: body.interests, language: 'pl', organisationIdentity: `PL-NIP-${body.organisation.nip}`,
      consents: Object.fromEntries(['statute', 'dataProcessing', 'marketing'].map((kind) => [kind, { accepted: kind !== 'marketing', at, textVersion: '2026-05', lang: 'pl' }])),
      gsi1pk: 'APPLICATIONS#REJECTED', gsi1sk: `${at}#${applicationId}`, gsi2pk: 'APPLICATIONS', gsi2sk: `2026-05-30T10:00:00.000Z#${applicationId}`,
    });
    await put({ pk: `OUTBOX#${messageId}`, sk: 'OUTBOX', entity: 'OUTBOX', messageId, to: email, lang: 'pl', template: 'application-rejected', category: 'transactional', status: 'SENT', statusAt: at, attempts: 1, createdAt: at, dueAt: at, sentAt: at });

    // Before: none of it can be found by key.
    const byTarget = () => api.call('GET', `/admin/audit?target=${encodeURIComponent(`application/${applicationId}`)}`, { role: 'admin' });
    expect((await byTarget()).json.items).toEqual([]);
    expect((await api.call('GET', `/admin/contacts/${encodeURIComponent(email)}/export`, { role: 'admin' })).status).toBe(404);

    expect(await personalDataIndexes.run()).toMatchObject({ changed: 4 });

    const found = await byTarget();
    expect(found.json.items).toEqual([expect.objectContaining({ auditId, actor: { subject: 'sub-legacy' }, action: 'application.reject' })]);
    expect((await api.call('GET', '/admin/audit?actor=sub-legacy', { role: 'admin' })).json.items).toHaveLength(1);
    const entry = await item(storedKeys.audit(at, auditId));
    expect(entry!.actor).toEqual({ subject: 'sub-legacy' });
    expect(await item(storedKeys.application(applicationId))).toMatchObject({ expiresAt: Date.parse(at) / 1000 + 90 * 86_400, gsi3pk: `ADDRESS#${email.toLowerCase()}` });

    const exported = await api.call('GET', `/admin/contacts/${encodeURIComponent(email)}/export`, { role: 'admin' });
    expect(exported.status).toBe(200);
    expect(exported.json.applications).toEqual([expect.objectContaining({ applicationId })]);
    expect(exported.json.outboxMessages).toEqual([expect.objectContaining({ messageId, status: 'SENT' })]);
    expect(exported.json.auditEntries).toEqual([expect.objectContaining({ auditId })]);

    // Idempotent: nothing left to change (the export's own audit entry was written with its indexes).
    expect(await personalDataIndexes.run()).toMatchObject({ changed: 0 });
  });
});
