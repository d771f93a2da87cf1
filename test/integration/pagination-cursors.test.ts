import { describe, expect, it } from 'vitest';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail } from '../support/mailbox.js';
import { applicationBody } from '../support/organisations.js';
import { queueFailed, verificationTo } from '../support/outbox-helpers.js';

const api = useLocalApi();
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const crafted = {
  'an empty object': cursorOf({}),
  'not base64 JSON': 'not-a-cursor!',
  'a JSON array': cursorOf([1, 2]),
  'a key with numbers': cursorOf({ pk: 1, sk: 2, gsi1pk: 3, gsi1sk: 4 }),
  'a key with an extra attribute': cursorOf({ pk: 'a', sk: 'b', gsi1pk: 'APPLICATIONS#SUBMITTED', gsi1sk: 'c', gsi2pk: 'd' }),
  'a key of another partition': cursorOf({ pk: 'MEMBER#x', sk: 'MEMBER', gsi1pk: 'OUTBOX#SENT', gsi1sk: 'school#a#x' }),
};

const listings = ['/admin/applications?', '/admin/applications?status=SUBMITTED&', '/admin/members?', '/admin/members?interest=it&', '/admin/outbox?status=FAILED&'];

describe('pagination cursors', () => {
  for (const listing of listings) {
    for (const [what, cursor] of Object.entries(crafted)) {
      it(`${listing.slice(0, -1)} refuses ${what} with 400 INVALID_CURSOR`, async () => {
        const answer = await api.call('GET', `${listing}cursor=${cursor}`, { role: 'admin' });
        expect(answer.status).toBe(400);
        expect(answer.json.error).toMatchObject({ code: 'INVALID_CURSOR', fields: [{ path: 'cursor' }] });
      });
    }
  }

  it('pages through with the cursors it hands out, and refuses one from another listing', async () => {
    for (let index = 0; index < 3; index += 1) expect((await api.call('POST', '/applications', { json: applicationBody() })).status).toBe(202);
    const first = await api.call('GET', '/admin/applications?status=PENDING_VERIFICATION&limit=2', { role: 'viewer' });
    expect(first.status).toBe(200);
    expect(first.json.items).toHaveLength(2);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const second = await api.call('GET', `/admin/applications?status=PENDING_VERIFICATION&limit=2&cursor=${first.json.nextCursor}`, { role: 'viewer' });
    expect(second.status).toBe(200);
    expect(second.json.items.length).toBeGreaterThanOrEqual(1);
    expect(second.json.items.map((item: { applicationId: string }) => item.applicationId)).not.toContain(first.json.items[0].applicationId);

    const elsewhere = await api.call('GET', `/admin/applications?status=SUBMITTED&cursor=${first.json.nextCursor}`, { role: 'viewer' });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.json.error.code).toBe('INVALID_CURSOR');
  });

  it('outbox pages follow their own cursor', async () => {
    // Administrators list FAILED messages (the others are not in the status index or are the mailer's business).
    for (let index = 0; index < 3; index += 1) await queueFailed(verificationTo(uniqueEmail('cursor')));
    const first = await api.call('GET', '/admin/outbox?status=FAILED&limit=2', { role: 'admin' });
    expect(first.status).toBe(200);
    const second = await api.call('GET', `/admin/outbox?status=FAILED&limit=2&cursor=${first.json.nextCursor}`, { role: 'admin' });
    expect(second.status).toBe(200);
    expect(second.json.items.length).toBeGreaterThanOrEqual(1);
  });
});
