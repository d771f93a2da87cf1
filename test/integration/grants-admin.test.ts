import { describe, expect, it } from 'vitest';
import { useLocalApi } from '../support/local-api.js';
import { createdGrant, grantBody } from '../support/grants.js';
import { item, partition } from '../support/organisations.js';

const api = useLocalApi();

const callKey = (callId: string) => ({ pk: `GRANT#${callId}`, sk: 'GRANT' });
const dueOffsets = async (callId: string) =>
  (await partition(`GRANT#${callId}`))
    .filter((stored) => stored.sk.startsWith('DUE#'))
    .map((stored) => [stored.offset, stored.dueDate, stored.gsi1pk, stored.gsi1sk])
    .sort((a, b) => b[0] - a[0]);
const auditOf = async (callId: string, at: string) => (await partition(`AUDIT#${at.slice(0, 10)}`)).filter((entry) => entry.target === `grant/${callId}`);

describe('registering and reading a funding call', () => {
  it('stores the deadline in UTC, shows it in Warsaw time, schedules the default reminders by due date, and audits the creation', async () => {
    const answer = await api.call('POST', '/admin/grants', { role: 'admin', json: grantBody() });
    expect(answer.status, answer.text).toBe(201);
    const { callId } = answer.json;
    expect(answer.headers.get('location')).toBe(`/admin/grants/${callId}`);
    expect(answer.json).toMatchObject({
      deadline: '2027-03-05T12:00',
      deadlineAt: '2027-03-05T11:00:00.000Z',
      timeZone: 'Europe/Warsaw',
      status: 'open',
      offsets: [30, 14, 7, 1],
      version: 1,
    });
    for (const role of ['admin', 'viewer'] as const) {
      const read = await api.call('GET', `/admin/grants/${callId}`, { role });
      expect(read.status).toBe(200);
      expect(read.json).toEqual({ ...answer.json, remindersSent: { '30': 0, '14': 0, '7': 0, '1': 0 } });
    }
    expect(await item(callKey(callId))).toMatchObject({ entity: 'GRANT', deadlineAt: '2027-03-05T11:00:00.000Z', gsi1pk: 'GRANTS', gsi1sk: `2027-03-05T11:00:00.000Z#${callId}` });
    expect(await dueOffsets(callId)).toEqual([
      [30, '2027-02-03', 'GRANT_DUE', `2027-02-03#${callId}#30`],
      [14, '2027-02-19', 'GRANT_DUE', `2027-02-19#${callId}#14`],
      [7, '2027-02-26', 'GRANT_DUE', `2027-02-26#${callId}#7`],
      [1, '2027-03-04', 'GRANT_DUE', `2027-03-04#${callId}#1`],
    ]);
    const [entry] = await auditOf(callId, answer.json.createdAt);
    expect(entry).toMatchObject({ action: 'grant.create', actor: { subject: expect.any(String) }, before: null });
  });

  it('lists open calls nearest deadline first, for viewers too', async () => {
    const later = await createdGrant(api.call, { deadline: '2031-06-02T12:00', callIdentifier: 'LIST-2' });
    const sooner = await createdGrant(api.call, { deadline: '2031-06-01T12:00', callIdentifier: 'LIST-1' });
    const listed = await api.call('GET', '/admin/grants?status=open&limit=100', { role: 'viewer' });
    expect(listed.status).toBe(200);
    const ids = listed.json.items.map((call: { callId: string }) => call.callId);
    expect(ids.indexOf(sooner.callId)).toBeLessThan(ids.indexOf(later.callId));
    const closed = await api.call('GET', '/admin/grants?status=closed', { role: 'admin' });
    expect(closed.json.items.map((call: { callId: string }) => call.callId)).not.toContain(sooner.callId);
    expect((await api.call('GET', '/admin/grants?cursor=e30', { role: 'admin' })).status).toBe(400);
  });

  it('refuses invalid input naming each field, and writes nothing', async () => {
    const refused = await api.call('POST', '/admin/grants', {
      role: 'admin',
      json: grantBody({ callIdentifier: 'REFUSED-1', url: 'not a url', offsets: [7, 0, 7, 1.5], audience: { scope: 'segment', interests: ['astrology'] } }),
    });
    expect(refused.status).toBe(400);
    const paths = refused.json.error.fields.map((field: { path: string }) => field.path);
    expect(paths).toEqual(expect.arrayContaining(['url', 'offsets.1', 'offsets.3', 'audience.interests.0']));
    const repeated = await api.call('POST', '/admin/grants', { role: 'admin', json: grantBody({ callIdentifier: 'REFUSED-3', offsets: [7, 7] }) });
    expect(repeated.json.error.fields).toEqual([{ path: 'offsets', message: 'List each number of days once.' }]);
    const tooEarly = await api.call('POST', '/admin/grants', { role: 'admin', json: grantBody({ callIdentifier: 'REFUSED-4', offsets: [366] }) });
    expect(tooEarly.json.error.fields).toEqual([{ path: 'offsets.0', message: 'At most 365 days before the deadline.' }]);
    for (const [deadline, message] of [
      ['2020-01-01T10:00', /already passed/],
      ['2027-03-28T02:30', /does not exist/],
      ['2027-10-31T02:30', /happens twice/],
    ] as const) {
      const answer = await api.call('POST', '/admin/grants', { role: 'admin', json: grantBody({ deadline, callIdentifier: 'REFUSED-2' }) });
      expect(answer.status).toBe(400);
      expect(answer.json.error.fields).toEqual([{ path: 'deadline', message: expect.stringMatching(message) }]);
    }
    const open = await api.call('GET', '/admin/grants?limit=100', { role: 'admin' });
    expect(open.json.items.some((call: { callIdentifier: string }) => call.callIdentifier.startsWith('REFUSED'))).toBe(false);
  });

  it('admins write, viewers only read', async () => {
    const { callId } = await createdGrant(api.call);
    expect((await api.call('POST', '/admin/grants', { role: 'viewer', json: grantBody() })).status).toBe(403);
    expect((await api.call('PATCH', `/admin/grants/${callId}`, { role: 'viewer', json: { url: 'https://example.eu/' } })).status).toBe(403);
    expect((await api.call('DELETE', `/admin/grants/${callId}`, { role: 'viewer' })).status).toBe(403);
    expect((await api.call('GET', `/admin/grants/${callId}`)).status).toBe(401);
    expect((await api.call('GET', '/admin/grants/no-such-call', { role: 'viewer' })).status).toBe(404);
  });
});

describe('changing and deleting a call', () => {
  it('a new deadline reschedules the reminders, from the version read; a stale version is 409 and changes nothing', async () => {
    const { callId } = await createdGrant(api.call, { offsets: [14, 7] });
    const moved = await api.call('PATCH', `/admin/grants/${callId}`, { role: 'admin', json: { deadline: '2027-04-05T12:00', version: 1 } });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json).toMatchObject({ deadline: '2027-04-05T12:00', deadlineAt: '2027-04-05T10:00:00.000Z', version: 2 });
    expect(await dueOffsets(callId)).toEqual([
      [14, '2027-03-22', 'GRANT_DUE', `2027-03-22#${callId}#14`],
      [7, '2027-03-29', 'GRANT_DUE', `2027-03-29#${callId}#7`],
    ]);
    const stale = await api.call('PATCH', `/admin/grants/${callId}`, { role: 'admin', json: { offsets: [3], version: 1 } });
    expect([stale.status, stale.json.error.code]).toEqual([409, 'STALE_GRANT']);
    const offsets = await api.call('PATCH', `/admin/grants/${callId}`, { role: 'admin', json: { offsets: [3, 21], version: 2 } });
    expect(offsets.json.offsets).toEqual([21, 3]);
    expect((await dueOffsets(callId)).map(([offset]) => offset)).toEqual([21, 3]);
    const past = await api.call('PATCH', `/admin/grants/${callId}`, { role: 'admin', json: { deadline: '2021-01-01T10:00' } });
    expect(past.json.error.fields).toEqual([{ path: 'deadline', message: expect.stringMatching(/already passed/) }]);
    const updates = (await auditOf(callId, moved.json.updatedAt)).filter((entry) => entry.action === 'grant.update');
    expect(updates).toHaveLength(2);
  });

  it('a delete removes the call and its due reminders, audited; a second delete is 404', async () => {
    const { callId } = await createdGrant(api.call);
    expect((await api.call('DELETE', `/admin/grants/${callId}?version=2`, { role: 'admin' })).status).toBe(409);
    const deleted = await api.call('DELETE', `/admin/grants/${callId}?version=1`, { role: 'admin' });
    expect(deleted.status).toBe(204);
    expect(await partition(`GRANT#${callId}`)).toEqual([]);
    expect((await api.call('GET', `/admin/grants/${callId}`, { role: 'admin' })).status).toBe(404);
    expect((await api.call('DELETE', `/admin/grants/${callId}`, { role: 'admin' })).status).toBe(404);
    const deletions = (await auditOf(callId, new Date().toISOString())).filter((entry) => entry.action === 'grant.delete');
    expect(deletions).toHaveLength(1);
  });
});
