import { describe, expect, it } from 'vitest';
import { cursorFor } from '../../shared/adapters/dynamo/pagination.js';
import { glokal } from '../../shared/adapters/dynamo/service.js';
import { InvalidCursorError } from '../../shared/domain/errors.js';

const { event } = glokal.entities;
const cursorAt = (startsAt: string) =>
  Buffer.from(JSON.stringify({ pk: 'EVENT#e1', sk: 'EVENT', gsi2pk: 'EVENTS', gsi2sk: `${startsAt}#e1` })).toString('base64url');

describe('a cursor stays inside its query’s sort key range', () => {
  const january = event.query.byStart({}).between({ startsAt: '2027-01-01T00:00:00.000Z' }, { startsAt: '2027-02-01T00:00:00.000Z' });

  it('a key within BETWEEN’s bounds is handed on unchanged', () => {
    const cursor = cursorAt('2027-01-15T09:00:00.000Z');
    expect(cursorFor(cursor, january)).toBe(cursor);
  });

  it.each(['2026-12-31T23:59:00.000Z', '2027-02-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z'])('a key at %s is refused for January', (startsAt) => {
    expect(() => cursorFor(cursorAt(startsAt), january)).toThrow(InvalidCursorError);
  });

  it('one-sided ranges (>=, <) are checked on their side', () => {
    const fromMarch = event.query.byStart({}).gte({ startsAt: '2027-03-01T00:00:00.000Z' });
    expect(() => cursorFor(cursorAt('2027-02-28T10:00:00.000Z'), fromMarch)).toThrow(InvalidCursorError);
    expect(cursorFor(cursorAt('2027-03-01T10:00:00.000Z'), fromMarch)).toEqual(expect.any(String));
    const beforeMarch = event.query.byStart({}).lt({ startsAt: '2027-03-01T00:00:00.000Z' });
    expect(() => cursorFor(cursorAt('2027-03-01T10:00:00.000Z'), beforeMarch)).toThrow(InvalidCursorError);
    expect(cursorFor(cursorAt('2027-02-28T10:00:00.000Z'), beforeMarch)).toEqual(expect.any(String));
  });
});
