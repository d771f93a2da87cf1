import { describe, expect, it } from 'vitest';
import { buildCall } from '../../shared/domain/grants/create-call.js';
import { ValidationError } from '../../shared/domain/errors.js';
import type { FundingCall } from '../../shared/domain/grants/funding-call.js';
import { dueCall, dueDateOf, scheduledReminders } from '../../shared/domain/grants/reminder-schedule.js';

const input = {
  programme: 'Erasmus+',
  callIdentifier: 'KA220-VET-2027',
  title: { pl: 'Nabór', en: 'Call' },
  url: 'https://erasmus-plus.ec.europa.eu/',
  deadline: '2027-03-05T12:00',
  audience: { scope: 'all' as const },
};
const created = (overrides: Partial<typeof input> & { offsets?: number[] } = {}, at = '2026-11-29T10:00:00Z'): FundingCall => buildCall({ ...input, ...overrides }, { callId: 'call-1', now: new Date(at) });
const eight = (date: string) => new Date(`${date}T07:00:00Z`);

describe('a call’s reminder schedule', () => {
  it('defaults to 30, 14, 7 and 1 days before the deadline’s Warsaw date, largest first, each once', () => {
    const call = created({ offsets: [7, 1, 7, 30] });
    expect(call.offsets).toEqual([30, 7, 1]);
    expect(created().offsets).toEqual([30, 14, 7, 1]);
    expect(scheduledReminders(created()).map(({ offset, dueDate }) => [offset, dueDate])).toEqual([
      [30, '2027-02-03'],
      [14, '2027-02-19'],
      [7, '2027-02-26'],
      [1, '2027-03-04'],
    ]);
  });

  it('counts calendar days in Warsaw, not 24-hour periods, across a DST change', () => {
    // 00:30 on 29 March 2027 is still 28 March in UTC; the day clocks spring forward lasts 23 hours.
    const call = created({ deadline: '2027-03-29T00:30', offsets: [1, 2] });
    expect(dueDateOf(call, 1)).toBe('2027-03-28');
    expect(dueDateOf(call, 2)).toBe('2027-03-27');
  });

  it('does not schedule an offset whose day was before the call was registered (it was never missed)', () => {
    const call = created({ deadline: '2026-12-10T12:00' }, '2026-11-29T10:00:00Z');
    expect(scheduledReminders(call).map(({ offset }) => offset)).toEqual([7, 1]);
  });

  it('sends the latest due offset on its day, late when its day was missed, and nothing once the deadline has passed', () => {
    const call = created();
    expect(dueCall(call, '2027-02-25', eight('2027-02-25'))).toMatchObject({ offset: 14, late: true, daysLeft: 8 });
    expect(dueCall(call, '2027-02-26', eight('2027-02-26'))).toMatchObject({ offset: 7, late: false, daysLeft: 7 });
    expect(dueCall(call, '2027-03-05', eight('2027-03-05'))).toMatchObject({ offset: 1, late: true, daysLeft: 0 });
    expect(dueCall(call, '2027-03-05', new Date('2027-03-05T11:00:00Z'))).toBeUndefined();
    expect(dueCall(call, '2027-02-02', eight('2027-02-02'))).toBeUndefined();
  });

  it('refuses a deadline that has passed, does not exist or happens twice, naming the field (with the import row’s prefix)', () => {
    for (const [deadline, message] of [
      ['2020-01-01T10:00', /already passed/],
      ['2027-03-28T02:30', /does not exist/],
      ['2027-10-31T02:30', /happens twice/],
    ] as const) {
      try {
        buildCall({ ...input, deadline }, { callId: 'x', now: new Date('2026-11-29T10:00:00Z') }, 'rows[4].');
        expect.unreachable();
      } catch (error) {
        expect((error as ValidationError).fields).toEqual([{ path: 'rows[4].deadline', message: expect.stringMatching(message) }]);
      }
    }
  });
});
