import { readFileSync } from 'node:fs';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { invokeFunction } from '../../infra/local/load-handler.js';
import { manifest } from '../../infra/manifest.js';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { config } from '../../shared/config.js';
import { useLocalApi } from '../support/local-api.js';
import { item, partition } from '../support/organisations.js';

const api = useLocalApi();

/** The stored formats, written out: items in deployed tables keep them. */
const eventKey = (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'EVENT' });

const eventBody = (overrides: Record<string, unknown> = {}) => ({
  title: { pl: 'Konferencja „Kształcenie zawodowe dla Przemysłu 4.0”', en: 'Vocational education for Industry 4.0' },
  description: { pl: 'Panele z udziałem pracodawców.\nPrezentacje projektów.', en: 'Panels with employers.\nProject presentations.' },
  type: 'conference',
  start: '2027-01-21T10:00',
  end: '2027-01-21T15:00',
  rsvpDeadline: '2027-01-14T23:59',
  venue: 'Wrocławskie Centrum Kongresowe, ul. Wystawowa 1, Wrocław',
  capacity: 50,
  seatLimitPerMember: 3,
  audience: { scope: 'segment', memberTypes: ['school', 'university'], interests: ['industry_4_0'] },
  extraInvitees: [{ email: 'partner@example.de', name: 'Hans Partner', language: 'en' }],
  ...overrides,
});

async function createdEvent(overrides: Record<string, unknown> = {}) {
  const answer = await api.call('POST', '/admin/events', { role: 'admin', json: eventBody(overrides) });
  expect(answer.status, answer.text).toBe(201);
  return answer.json as { eventId: string; version: number; sequence: number; [field: string]: unknown };
}

async function storedEvents() {
  const { Items = [] } = await documentClient.send(
    new ScanCommand({ TableName: config.TABLE_NAME, ConsistentRead: true, FilterExpression: '#entity = :event', ExpressionAttributeNames: { '#entity': 'entity' }, ExpressionAttributeValues: { ':event': 'EVENT' } }),
  );
  return Items;
}

const auditOf = async (eventId: string, at: string) => (await partition(`AUDIT#${at.slice(0, 10)}`)).filter((entry) => entry.target === `event/${eventId}`);

describe('creating and reading an event', () => {
  it('stores the event in UTC, shows it back in Warsaw time to admins and viewers, and audits the creation by ids', async () => {
    const answer = await api.call('POST', '/admin/events', { role: 'admin', json: eventBody() });
    expect(answer.status).toBe(201);
    const { eventId } = answer.json;
    expect(answer.headers.get('location')).toBe(`/admin/events/${eventId}`);
    expect(answer.json).toMatchObject({
      status: 'SCHEDULED',
      sequence: 0,
      version: 1,
      start: '2027-01-21T10:00',
      end: '2027-01-21T15:00',
      rsvpDeadline: '2027-01-14T23:59',
      timeZone: 'Europe/Warsaw',
      startsAt: '2027-01-21T09:00:00.000Z',
      endsAt: '2027-01-21T14:00:00.000Z',
      rsvpDeadlineAt: '2027-01-14T22:59:00.000Z',
      capacity: 50,
      seatLimitPerMember: 3,
      extraInvitees: [{ inviteeId: expect.any(String), email: 'partner@example.de', name: 'Hans Partner', language: 'en' }],
    });
    expect(answer.json.description.pl).toBe('Panele z udziałem pracodawców.\nPrezentacje projektów.');

    for (const role of ['admin', 'viewer'] as const) {
      const read = await api.call('GET', `/admin/events/${eventId}`, { role });
      expect(read.status).toBe(200);
      expect(read.json).toEqual({ ...answer.json, invitationRuns: [], mailRuns: [] });
    }

    expect(await item(eventKey(eventId))).toMatchObject({
      entity: 'EVENT',
      startsAt: '2027-01-21T09:00:00.000Z',
      gsi1pk: 'EVENTS#SCHEDULED',
      gsi1sk: `2027-01-21T09:00:00.000Z#${eventId}`,
      gsi2pk: 'EVENTS',
      gsi2sk: `2027-01-21T09:00:00.000Z#${eventId}`,
    });
    const [entry] = await auditOf(eventId, answer.json.createdAt);
    expect(entry).toMatchObject({ action: 'event.create', actor: { subject: expect.any(String) }, before: null, after: expect.objectContaining({ capacity: 50 }) });
    expect(entry!.actor.email).toBeUndefined();
    expect(entry!.after.extraInvitees).toEqual([answer.json.extraInvitees[0].inviteeId]);
    expect(JSON.stringify(entry)).not.toContain('partner@example.de');
  });

  it('admins write, viewers read only, and a missing token is refused', async () => {
    const { eventId } = await createdEvent();
    expect((await api.call('POST', '/admin/events', { role: 'viewer', json: eventBody() })).status).toBe(403);
    expect((await api.call('PATCH', `/admin/events/${eventId}`, { role: 'viewer', json: { capacity: 5 } })).status).toBe(403);
    expect((await api.call('POST', `/admin/events/${eventId}/cancel`, { role: 'viewer' })).status).toBe(403);
    expect((await api.call('GET', `/admin/events/${eventId}`)).status).toBe(401);
    expect((await api.call('GET', '/admin/events')).status).toBe(401);
    expect((await api.call('GET', `/admin/events/${eventId}`, { role: 'none' })).status).toBe(403);
    expect((await api.call('GET', `/admin/events/${eventId}`, { role: 'viewer' })).json).toMatchObject({ status: 'SCHEDULED', version: 1 });
  });

  it('answers 404 for an unknown event on every route', async () => {
    expect((await api.call('GET', '/admin/events/no-such-event', { role: 'viewer' })).status).toBe(404);
    expect((await api.call('PATCH', '/admin/events/no-such-event', { role: 'admin', json: { capacity: 5 } })).status).toBe(404);
    const cancel = await api.call('POST', '/admin/events/no-such-event/cancel', { role: 'admin' });
    expect(cancel.status).toBe(404);
    expect(cancel.json.error.code).toBe('NOT_FOUND');
  });
});

describe('invalid input gets 400 naming the field, and nothing is written', () => {
  it.each([
    ['end before start', { end: '2027-01-21T09:00' }, 'end'],
    ['deadline after start', { rsvpDeadline: '2027-01-22T09:00' }, 'rsvpDeadline'],
    ['capacity below 1', { capacity: 0 }, 'capacity'],
    ['a capacity that is not a whole number', { capacity: 2.5 }, 'capacity'],
    ['an unknown interest', { audience: { scope: 'segment', interests: ['it', 'astrology'] } }, 'audience.interests.1'],
    ['an unknown member type', { audience: { scope: 'segment', memberTypes: ['pub'] } }, 'audience.memberTypes.0'],
    ['a start that does not exist (spring forward, 2027-03-28)', { start: '2027-03-28T02:30', end: '2027-03-28T06:00', rsvpDeadline: '2027-03-20T12:00' }, 'start'],
    ['a start that happens twice (fall back, 2026-10-25)', { start: '2026-10-25T02:30', end: '2026-10-25T06:00', rsvpDeadline: '2026-10-20T12:00' }, 'start'],
    ['a deadline that does not exist', { start: '2027-03-29T10:00', end: '2027-03-29T12:00', rsvpDeadline: '2027-03-28T02:30' }, 'rsvpDeadline'],
    ['a deadline that happens twice', { start: '2026-10-26T10:00', end: '2026-10-26T12:00', rsvpDeadline: '2026-10-25T02:30' }, 'rsvpDeadline'],
    ['a time with an offset', { start: '2027-01-21T10:00+01:00' }, 'start'],
    ['a time with seconds', { end: '2027-01-21T15:00:00' }, 'end'],
    ['neither venue nor link', { venue: undefined }, 'venue'],
    ['a link that is not http', { onlineUrl: 'javascript:alert(1)' }, 'onlineUrl'],
    ['a title only in Polish', { title: { pl: 'Konferencja' } }, 'title.en'],
    ['an unknown type', { type: 'party' }, 'type'],
    ['a seat limit above the capacity', { capacity: 2, seatLimitPerMember: 3 }, 'seatLimitPerMember'],
    ['a partner listed twice', { extraInvitees: [{ email: 'a@example.de', name: 'Anna' }, { email: 'A@example.de', name: 'Anna B' }] }, 'extraInvitees.1.email'],
    ['too many partners', { extraInvitees: Array.from({ length: 201 }, (_, index) => ({ email: `p${index}@example.de`, name: 'Partner' })) }, 'extraInvitees'],
    ['a header in a title', { title: { pl: 'Konferencja\r\nBcc: evil@example.com', en: 'Conference' } }, 'title.pl'],
  ] as Array<[string, Record<string, unknown>, string]>)('%s', async (_what, overrides, field) => {
    const before = (await storedEvents()).length;
    const answer = await api.call('POST', '/admin/events', { role: 'admin', json: eventBody(overrides) });
    expect(answer.status, answer.text).toBe(400);
    expect(answer.json.error.code).toBe('VALIDATION_FAILED');
    expect(answer.json.error.fields.map((entry: { path: string }) => entry.path)).toContain(field);
    expect((await storedEvents()).length).toBe(before);
  });

  it('explains a refused DST time in words', async () => {
    const answer = await api.call('POST', '/admin/events', { role: 'admin', json: eventBody({ start: '2027-03-28T02:30', end: '2027-03-28T06:00', rsvpDeadline: '2026-10-25T02:30' }) });
    expect(answer.json.error.fields).toEqual([
      { path: 'start', message: expect.stringContaining('does not exist') },
      { path: 'rsvpDeadline', message: expect.stringContaining('happens twice') },
    ]);
  });
});

describe('changing an event', () => {
  it('a change of time or place raises the sequence; other changes only the version; each is audited', async () => {
    const { eventId } = await createdEvent();
    const retitled = await api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: { title: { pl: 'Nowy tytuł', en: 'New title' }, capacity: 60, audience: { scope: 'all' } } });
    expect(retitled.status).toBe(200);
    expect(retitled.json).toMatchObject({ sequence: 0, version: 2, capacity: 60, audience: { scope: 'all' }, title: { en: 'New title' } });

    const moved = await api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: { start: '2027-01-21T11:00', end: '2027-01-21T16:00', version: 2 } });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ sequence: 1, version: 3, start: '2027-01-21T11:00', startsAt: '2027-01-21T10:00:00.000Z' });

    const relocated = await api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: { venue: null, onlineUrl: 'https://meet.example.pl/glokal' } });
    expect(relocated.status).toBe(200);
    expect(relocated.json).toMatchObject({ sequence: 2, version: 4, onlineUrl: 'https://meet.example.pl/glokal' });
    expect(relocated.json.venue).toBeUndefined();

    const deadline = await api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: { rsvpDeadline: '2027-01-15T12:00', seatLimitPerMember: null } });
    expect(deadline.json).toMatchObject({ sequence: 2, version: 5, rsvpDeadline: '2027-01-15T12:00' });
    expect(deadline.json.seatLimitPerMember).toBeUndefined();

    const unchanged = await api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: { start: '2027-01-21T11:00', capacity: 60 } });
    expect(unchanged.json).toMatchObject({ sequence: 2, version: 5 });

    const stored = await item(eventKey(eventId));
    expect(stored).toMatchObject({ sequence: 2, version: 5, gsi1sk: `2027-01-21T10:00:00.000Z#${eventId}`, gsi2sk: `2027-01-21T10:00:00.000Z#${eventId}` });
    expect(stored!.venue).toBeUndefined();
    const updates = (await auditOf(eventId, deadline.json.updatedAt)).filter((entry) => entry.action === 'event.update');
    expect(updates).toHaveLength(4);
    expect(updates).toContainEqual(
      expect.objectContaining({
        before: { startsAt: '2027-01-21T09:00:00.000Z', endsAt: '2027-01-21T14:00:00.000Z', sequence: 0, version: 2 },
        after: { startsAt: '2027-01-21T10:00:00.000Z', endsAt: '2027-01-21T15:00:00.000Z', sequence: 1, version: 3 },
      }),
    );
  });

  it('refuses invalid changes naming the field, judged with the stored times, and changes nothing', async () => {
    const { eventId } = await createdEvent();
    for (const [body, field] of [
      [{ end: '2027-01-21T08:00' }, 'end'],
      [{ start: '2027-01-21T16:00' }, 'start'],
      [{ rsvpDeadline: '2027-01-21T10:00' }, 'rsvpDeadline'],
      [{ start: '2026-10-25T02:30' }, 'start'],
      [{ end: '2027-03-28T02:30' }, 'end'],
      [{ capacity: 0 }, 'capacity'],
      [{ audience: { scope: 'segment', interests: ['astrology'] } }, 'audience.interests.0'],
      [{ venue: null }, 'venue'],
      [{}, 'body'],
      [{ version: 1 }, 'body'],
    ] as Array<[Record<string, unknown>, string]>) {
      const answer = await api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.fields.map((entry: { path: string }) => entry.path), JSON.stringify(body)).toContain(field);
    }
    expect(await item(eventKey(eventId))).toMatchObject({ version: 1, sequence: 0, startsAt: '2027-01-21T09:00:00.000Z' });
  });

  it('two administrators changing the same version at once: one 200, one 409, and the stored event is the winner’s', async () => {
    const { eventId } = await createdEvent();
    const answers = await Promise.all([
      api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: { capacity: 70, version: 1 } }),
      api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: { capacity: 80, version: 1 } }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const winner = answers.find((answer) => answer.status === 200)!;
    const loser = answers.find((answer) => answer.status === 409)!;
    expect(loser.json.error.code).toBe('STALE_EVENT');
    expect(await item(eventKey(eventId))).toMatchObject({ version: 2, capacity: winner.json.capacity });
  });

  it('concurrent changes of different fields never lose one: each is applied, or refused with 409', async () => {
    const { eventId } = await createdEvent();
    const changes: Array<[string, Record<string, unknown>]> = [
      ['capacity', { capacity: 42 }],
      ['type', { type: 'workshop' }],
      ['seatLimitPerMember', { seatLimitPerMember: 5 }],
      ['title', { title: { pl: 'Zmieniony', en: 'Changed' } }],
      ['description', { description: { pl: 'Nowy opis', en: 'New description' } }],
    ];
    const answers = await Promise.all(changes.map(([, body]) => api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: body })));
    expect(answers.every((answer) => answer.status === 200 || answer.status === 409)).toBe(true);
    const applied = changes.filter((_, index) => answers[index]!.status === 200);
    expect(applied.length).toBeGreaterThanOrEqual(1);
    const stored = await item(eventKey(eventId));
    for (const [field, body] of applied) expect(stored![field], field).toEqual(body[field]);
    expect(stored!.version).toBe(1 + applied.length);
  });

  it('a stale version is refused with 409 naming version', async () => {
    const { eventId } = await createdEvent();
    expect((await api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: { capacity: 10 } })).status).toBe(200);
    const stale = await api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: { capacity: 20, version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.json.error).toMatchObject({ code: 'STALE_EVENT', fields: [{ path: 'version' }] });
    expect(await item(eventKey(eventId))).toMatchObject({ capacity: 10, version: 2 });
  });
});

describe('cancelling an event', () => {
  it('marks it CANCELLED with a higher sequence, audits it; cancelling again or changing it is 409', async () => {
    const { eventId } = await createdEvent();
    const cancelled = await api.call('POST', `/admin/events/${eventId}/cancel`, { role: 'admin', json: { reason: 'Prelegent odwołał udział.' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json).toMatchObject({ status: 'CANCELLED', sequence: 1, version: 2, cancelledAt: expect.any(String), cancellationReason: 'Prelegent odwołał udział.' });
    expect(await item(eventKey(eventId))).toMatchObject({ status: 'CANCELLED', gsi1pk: 'EVENTS#CANCELLED' });
    expect(await auditOf(eventId, cancelled.json.cancelledAt)).toContainEqual(
      expect.objectContaining({ action: 'event.cancel', before: { status: 'SCHEDULED', sequence: 0, version: 1 }, after: expect.objectContaining({ status: 'CANCELLED', sequence: 1 }) }),
    );

    const again = await api.call('POST', `/admin/events/${eventId}/cancel`, { role: 'admin' });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('ALREADY_CANCELLED');
    const change = await api.call('PATCH', `/admin/events/${eventId}`, { role: 'admin', json: { capacity: 5 } });
    expect(change.status).toBe(409);
    expect(change.json.error.code).toBe('EVENT_CANCELLED');
    expect(await item(eventKey(eventId))).toMatchObject({ version: 2, capacity: 50 });
  });

  it('two cancels at once: one 200, one 409', async () => {
    const { eventId } = await createdEvent();
    const answers = await Promise.all([1, 2].map(() => api.call('POST', `/admin/events/${eventId}/cancel`, { role: 'admin' })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(answers.find((answer) => answer.status === 409)!.json.error.code).toBe('ALREADY_CANCELLED');
    const cancellations = (await auditOf(eventId, new Date().toISOString())).filter((entry) => entry.action === 'event.cancel');
    expect(cancellations).toHaveLength(1);
  });
});

describe('the sample events in events/http', () => {
  /** A sample as `npm run invoke` reads it, for the event the previous step created. */
  const sample = (name: string, eventId = '') => JSON.parse(readFileSync(`events/http/${name}.json`, 'utf8').replaceAll('6f1d2c3b-0000-4000-8000-00000000e001', eventId));
  const invoke = async (name: string, eventId?: string) =>
    (await invokeFunction(manifest.find((fn) => fn.name === name)!, sample(name, eventId))) as { statusCode: number; body: string };

  it('create, list, read, move and cancel an event, as npm run invoke runs them', async () => {
    const created = await invoke('create-event');
    expect(created.statusCode, created.body).toBe(201);
    const { eventId } = JSON.parse(created.body);
    const listed = await invoke('list-events');
    expect(listed.statusCode).toBe(200);
    expect(JSON.parse(listed.body).items.map((event: { eventId: string }) => event.eventId)).toContain(eventId);
    expect((await invoke('get-event', eventId)).statusCode).toBe(200);
    const moved = await invoke('update-event', eventId);
    expect(JSON.parse(moved.body)).toMatchObject({ start: '2027-05-20T11:00', sequence: 1, version: 2 });
    expect(JSON.parse((await invoke('cancel-event', eventId)).body)).toMatchObject({ status: 'CANCELLED', sequence: 2 });
  });
});
