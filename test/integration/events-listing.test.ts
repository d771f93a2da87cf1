import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalApi } from '../support/local-api.js';

const api = useLocalApi();
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const eventAt = (start: string, end: string, title: string) => ({
  title: { pl: title, en: title },
  description: { pl: 'Opis.', en: 'Description.' },
  type: 'workshop',
  start,
  end,
  rsvpDeadline: '2027-01-01T12:00',
  onlineUrl: 'https://meet.example.pl/glokal',
  capacity: 30,
  audience: { scope: 'all' },
});

/** Events of this file, by title: a list across the Warsaw midnight and both DST changes of 2027. */
const ids: Record<string, string> = {};
const schedule: Array<[title: string, start: string, end: string]> = [
  ['march-before-midnight', '2027-03-27T23:30', '2027-03-28T01:00'],
  ['march-dst-day', '2027-03-28T03:00', '2027-03-28T05:00'],
  ['march-last', '2027-03-28T23:59', '2027-03-29T01:00'],
  ['april', '2027-04-15T10:00', '2027-04-15T12:00'],
  ['october-dst-day', '2027-10-31T01:30', '2027-10-31T04:00'],
  ['november', '2027-11-02T00:00', '2027-11-02T02:00'],
];

const titles = (answer: { json: { items: Array<{ title: { en: string } }> } }) => answer.json.items.map((item) => item.title.en);
const list = (query: string, role: 'admin' | 'viewer' = 'viewer') => api.call('GET', `/admin/events?${query}`, { role });

beforeAll(async () => {
  for (const [title, start, end] of schedule) {
    const answer = await api.call('POST', '/admin/events', { role: 'admin', json: eventAt(start, end, title) });
    expect(answer.status, answer.text).toBe(201);
    ids[title] = answer.json.eventId;
  }
  const cancelled = await api.call('POST', `/admin/events/${ids.april}/cancel`, { role: 'admin' });
  expect(cancelled.status).toBe(200);
});

describe('listing events', () => {
  it('lists the Warsaw days from `from` to `to`, both included, nearest first, in local time', async () => {
    const march = await list('from=2027-03-28&to=2027-03-28');
    expect(march.status).toBe(200);
    expect(titles(march)).toEqual(['march-dst-day', 'march-last']);
    expect(march.json.items[0]).toMatchObject({ eventId: ids['march-dst-day'], start: '2027-03-28T03:00', startsAt: '2027-03-28T01:00:00.000Z', timeZone: 'Europe/Warsaw', status: 'SCHEDULED' });
    expect(titles(await list('from=2027-03-27&to=2027-03-27'))).toEqual(['march-before-midnight']);
    expect(titles(await list('from=2027-10-31&to=2027-11-02'))).toEqual(['october-dst-day', 'november']);
    expect(titles(await list('from=2027-03-01&to=2027-12-31', 'admin'))).toEqual(schedule.map(([title]) => title));
  });

  it('filters by status', async () => {
    expect(titles(await list('from=2027-01-01&status=CANCELLED'))).toEqual(['april']);
    expect(titles(await list('from=2027-01-01&to=2027-12-31&status=SCHEDULED'))).toEqual(schedule.map(([title]) => title).filter((title) => title !== 'april'));
  });

  it('starts today without `from`: events from today on', async () => {
    expect(titles(await list('limit=100'))).toEqual(schedule.map(([title]) => title));
    expect(titles(await list('from=2027-04-16'))).toEqual(['october-dst-day', 'november']);
  });

  it('pages through with its own cursors, and with no other', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(`from=2027-03-01&to=2027-12-31&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.json.items.length).toBeLessThanOrEqual(2);
      seen.push(...titles(page));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(schedule.map(([title]) => title));

    const first = await list('from=2027-03-01&to=2027-12-31&limit=2');
    for (const elsewhere of ['status=SCHEDULED&from=2027-03-01', 'from=2027-10-01&to=2027-12-31', 'from=2027-01-01&to=2027-03-27']) {
      const answer = await list(`${elsewhere}&cursor=${first.json.nextCursor}`);
      expect(answer.status, elsewhere).toBe(400);
      expect(answer.json.error).toMatchObject({ code: 'INVALID_CURSOR', fields: [{ path: 'cursor' }] });
    }
  });

  it.each([
    ['an empty object', cursorOf({})],
    ['not base64 JSON', 'not-a-cursor!'],
    ['a key with numbers', cursorOf({ pk: 1, sk: 2, gsi2pk: 3, gsi2sk: 4 })],
    ['a key of another partition', cursorOf({ pk: 'APPLICATION#x', sk: 'APPLICATION', gsi2pk: 'APPLICATIONS', gsi2sk: '2027-01-01T00:00:00.000Z#x' })],
    ['a key of this partition outside the range', cursorOf({ pk: 'EVENT#x', sk: 'EVENT', gsi2pk: 'EVENTS', gsi2sk: '2099-01-01T00:00:00.000Z#x' })],
  ])('refuses %s with 400 INVALID_CURSOR', async (_what, cursor) => {
    const answer = await list(`from=2027-03-01&to=2027-12-31&cursor=${cursor}`);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 'INVALID_CURSOR', fields: [{ path: 'cursor' }] });
  });

  it.each([
    ['to before from', 'from=2027-03-02&to=2027-03-01', 'to'],
    ['a day that does not exist', 'from=2027-02-29', 'from'],
    ['a date with a time', 'to=2027-03-01T10:00', 'to'],
    ['an unknown status', 'status=POSTPONED', 'status'],
    ['a limit above 100', 'limit=101', 'limit'],
  ])('refuses %s, naming the field', async (_what, query, field) => {
    const answer = await list(query);
    expect(answer.status).toBe(400);
    expect(answer.json.error.fields.map((entry: { path: string }) => entry.path)).toEqual([field]);
  });
});
