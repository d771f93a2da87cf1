import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWarsawDays,
  parseWarsawLocalTime,
  startOfWarsawDay,
  toWarsawLocalTime,
  warsawDate,
  warsawDateDaysBefore,
  warsawDaysBetween,
  warsawMidnight,
  warsawOffsetMs,
  warsawWallClock,
} from '../../shared/domain/calendar/warsaw-time.js';

const seed = 20_270_328;
const hourMs = 3_600_000;

/** The instant a local time parses to, failing the test on a refusal. */
function instantOf(text: string): string {
  const parsed = parseWarsawLocalTime(text);
  if (!parsed.ok) throw new Error(`${text} was refused as ${parsed.refusal}`);
  return parsed.instant.toISOString();
}

const refusalOf = (text: string) => {
  const parsed = parseWarsawLocalTime(text);
  return parsed.ok ? undefined : parsed.refusal;
};

/** Last Sunday of a month, computed without the code under test. */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - last.getUTCDay();
}

describe('parseWarsawLocalTime', () => {
  it('reads winter times as UTC+1 and summer times as UTC+2', () => {
    expect(instantOf('2026-01-15T12:00')).toBe('2026-01-15T11:00:00.000Z');
    expect(instantOf('2026-07-01T12:00')).toBe('2026-07-01T10:00:00.000Z');
    expect(instantOf('2028-02-29T00:00')).toBe('2028-02-28T23:00:00.000Z');
  });

  it('refuses the hour skipped when the clocks spring forward (29 March 2026, 28 March 2027)', () => {
    expect(instantOf('2026-03-29T01:59')).toBe('2026-03-29T00:59:00.000Z');
    for (const skipped of ['2026-03-29T02:00', '2026-03-29T02:30', '2026-03-29T02:59', '2027-03-28T02:00', '2027-03-28T02:30', '2027-03-28T02:59']) {
      expect(refusalOf(skipped), skipped).toBe('nonexistent');
    }
    expect(instantOf('2026-03-29T03:00')).toBe('2026-03-29T01:00:00.000Z');
    expect(instantOf('2027-03-28T03:00')).toBe('2027-03-28T01:00:00.000Z');
    expect(instantOf('2027-03-27T02:30')).toBe('2027-03-27T01:30:00.000Z');
  });

  it('refuses the hour repeated when the clocks fall back (25 October 2026, 31 October 2027)', () => {
    expect(instantOf('2026-10-25T01:59')).toBe('2026-10-24T23:59:00.000Z');
    for (const repeated of ['2026-10-25T02:00', '2026-10-25T02:30', '2026-10-25T02:59', '2027-10-31T02:00', '2027-10-31T02:30', '2027-10-31T02:59']) {
      expect(refusalOf(repeated), repeated).toBe('ambiguous');
    }
    expect(instantOf('2026-10-25T03:00')).toBe('2026-10-25T02:00:00.000Z');
    expect(instantOf('2027-10-31T03:00')).toBe('2027-10-31T02:00:00.000Z');
    expect(instantOf('2026-10-26T02:30')).toBe('2026-10-26T01:30:00.000Z');
  });

  it('refuses anything but a real YYYY-MM-DDTHH:mm, with a message saying the expected form', () => {
    const malformed = [
      '',
      '2026-06-01',
      '2026-06-01 10:00',
      '2026-06-01T10:00:00',
      '2026-06-01T10:00Z',
      '2026-06-01T10:00+02:00',
      '2026-6-1T10:00',
      ' 2026-06-01T10:00',
      '2026-06-01T10:00\n',
      '2026-02-29T10:00',
      '2026-04-31T10:00',
      '2026-13-01T10:00',
      '2026-00-10T10:00',
      '2026-06-00T10:00',
      '2026-06-01T24:00',
      '2026-06-01T10:60',
      '0999-06-01T10:00',
      '２０２６-06-01T10:00',
    ];
    for (const text of malformed) expect(refusalOf(text), JSON.stringify(text)).toBe('malformed');
    const refused = parseWarsawLocalTime('15.09.2026 10:00');
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('YYYY-MM-DDTHH:mm') });
  });

  it('explains a skipped and a repeated hour in words an administrator understands', () => {
    expect(parseWarsawLocalTime('2027-03-28T02:30')).toMatchObject({ ok: false, message: expect.stringContaining('does not exist') });
    expect(parseWarsawLocalTime('2026-10-25T02:30')).toMatchObject({ ok: false, message: expect.stringContaining('happens twice') });
  });
});

describe('showing instants in Warsaw', () => {
  it('shows both UTC instants of the repeated hour as the same local time', () => {
    expect(toWarsawLocalTime(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25T02:30');
    expect(toWarsawLocalTime(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25T02:30');
  });

  it('jumps from 01:59 to 03:00 in spring and drops seconds', () => {
    expect(toWarsawLocalTime(new Date('2027-03-28T00:59:59Z'))).toBe('2027-03-28T01:59');
    expect(toWarsawLocalTime(new Date('2027-03-28T01:00:00Z'))).toBe('2027-03-28T03:00');
  });

  it('dates an instant by the Warsaw calendar, not the UTC one', () => {
    expect(warsawDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(warsawDate(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
    expect(warsawDate(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
  });

  it('reads the offset and the wall clock at an instant', () => {
    expect(warsawOffsetMs(new Date('2026-01-15T12:00:00Z'))).toBe(hourMs);
    expect(warsawOffsetMs(new Date('2026-07-15T12:00:00Z'))).toBe(2 * hourMs);
    expect(warsawWallClock(new Date('2026-10-25T01:30:45Z'))).toEqual({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 45 });
  });
});

describe('local calendar days', () => {
  it('adds calendar days across months, years, leap days and DST changes', () => {
    expect(addWarsawDays('2026-10-24', 1)).toBe('2026-10-25');
    expect(addWarsawDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addWarsawDays('2027-03-28', -1)).toBe('2027-03-27');
    expect(addWarsawDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addWarsawDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addWarsawDays('2026-11-01', -30)).toBe('2026-10-02');
  });

  it('counts days between local dates', () => {
    expect(warsawDaysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(warsawDaysBetween('2027-03-27', '2027-03-29')).toBe(2);
    expect(warsawDaysBetween('2026-12-31', '2026-12-01')).toBe(-30);
    expect(warsawDaysBetween('2026-05-05', '2026-05-05')).toBe(0);
  });

  it('refuses to compute with something that is not a local date', () => {
    expect(() => addWarsawDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => warsawMidnight('2026-10-25T00:00')).toThrow(RangeError);
    expect(() => warsawDaysBetween('yesterday', '2026-01-01')).toThrow(RangeError);
  });

  it('starts each day at local midnight: 23 hours on the spring day, 25 on the autumn day', () => {
    expect(warsawMidnight('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(warsawMidnight('2026-03-30').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(warsawMidnight('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(warsawMidnight('2026-10-26').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    const length = (date: string) => (warsawMidnight(addWarsawDays(date, 1)).getTime() - warsawMidnight(date).getTime()) / hourMs;
    expect([length('2027-03-27'), length('2027-03-28'), length('2027-10-31'), length('2027-11-01')]).toEqual([24, 23, 25, 24]);
  });

  it('finds the start of the local day an instant falls in', () => {
    expect(startOfWarsawDay(new Date('2026-10-25T12:00:00Z')).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfWarsawDay(new Date('2026-10-25T22:59:59Z')).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(startOfWarsawDay(new Date('2026-10-25T23:00:00Z')).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('puts "7 days before the start" on the right local day across the autumn change', () => {
    const start = new Date(instantOf('2026-10-31T09:00'));
    expect(warsawDateDaysBefore(start, 7)).toBe('2026-10-24');
    expect(warsawMidnight(warsawDateDaysBefore(start, 7)).toISOString()).toBe('2026-10-23T22:00:00.000Z');
    // 168 hours earlier would be 10:00 on the 24th: the date is the same, the clock time is not.
    expect(toWarsawLocalTime(new Date(start.getTime() - 7 * 24 * hourMs))).toBe('2026-10-24T10:00');
  });

  it('puts "3 days before the deadline" on the spring-forward day itself', () => {
    const deadline = new Date(instantOf('2027-03-31T12:00'));
    expect(warsawDateDaysBefore(deadline, 3)).toBe('2027-03-28');
    expect(warsawMidnight('2027-03-28').toISOString()).toBe('2027-03-27T23:00:00.000Z');
  });

  it('counts from the local date of a start just after midnight, not its UTC date', () => {
    const start = new Date(instantOf('2026-11-01T00:30'));
    expect(start.toISOString()).toBe('2026-10-31T23:30:00.000Z');
    expect(warsawDateDaysBefore(start, 1)).toBe('2026-10-31');
  });
});

describe('properties', () => {
  const localTimes = fc
    .record({ year: fc.integer({ min: 1996, max: 2100 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }), hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }) })
    .filter(({ year, month, day }) => day <= new Date(Date.UTC(year, month, 0)).getUTCDate());
  const text = ({ year, month, day, hour, minute }: { year: number; month: number; day: number; hour: number; minute: number }) =>
    `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

  it('round-trips every valid local time, and refuses exactly the 02:xx hour of the last Sunday of March and October', () => {
    fc.assert(
      fc.property(localTimes, (wall) => {
        const parsed = parseWarsawLocalTime(text(wall));
        const onChangeNight = wall.hour === 2 && (wall.month === 3 || wall.month === 10) && wall.day === lastSunday(wall.year, wall.month);
        if (onChangeNight) {
          expect(parsed).toMatchObject({ ok: false, refusal: wall.month === 3 ? 'nonexistent' : 'ambiguous' });
        } else {
          expect(parsed.ok).toBe(true);
          if (parsed.ok) expect(toWarsawLocalTime(parsed.instant)).toBe(text(wall));
        }
      }),
      { seed, numRuns: 2_000 },
    );
  });

  it('reads every instant back from its local time, to the minute, unless it fell in the repeated hour', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1996-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (instant) => {
        const parsed = parseWarsawLocalTime(toWarsawLocalTime(instant));
        const minute = Math.floor(instant.getTime() / 60_000) * 60_000;
        if (parsed.ok) expect(parsed.instant.getTime()).toBe(minute);
        else expect(parsed.refusal).toBe('ambiguous');
      }),
      { seed, numRuns: 2_000 },
    );
  });

  it('puts every instant between the start of its local day and the start of the next', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1996-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (instant) => {
        const start = startOfWarsawDay(instant);
        expect(start.getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(toWarsawLocalTime(start)).toBe(`${warsawDate(instant)}T00:00`);
        expect(warsawMidnight(addWarsawDays(warsawDate(instant), 1)).getTime()).toBeGreaterThan(instant.getTime());
      }),
      { seed, numRuns: 1_000 },
    );
  });
});
