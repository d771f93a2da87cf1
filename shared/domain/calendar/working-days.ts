import { addWarsawDays } from './warsaw-time.js';

/**
 * Working days in Poland: Monday to Friday except public holidays, counted on
 * Warsaw calendar dates (warsaw-time.ts). Dates are "YYYY-MM-DD" strings.
 */

/** Easter Sunday (anonymous Gregorian algorithm). */
function easter(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const holidayCache = new Map<number, Set<string>>();

/** Statutory public holidays (ustawa o dniach wolnych od pracy); Christmas Eve is one from 2025. */
export function polishHolidays(year: number): Set<string> {
  let holidays = holidayCache.get(year);
  if (!holidays) {
    const sunday = easter(year);
    const fixed = ['01-01', '01-06', '05-01', '05-03', '08-15', '11-01', '11-11', '12-25', '12-26', ...(year >= 2025 ? ['12-24'] : [])];
    // Easter Sunday and Monday, Pentecost (+49), Corpus Christi (+60).
    holidays = new Set([...fixed.map((day) => `${year}-${day}`), sunday, addWarsawDays(sunday, 1), addWarsawDays(sunday, 49), addWarsawDays(sunday, 60)]);
    holidayCache.set(year, holidays);
  }
  return holidays;
}

export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !polishHolidays(Number(date.slice(0, 4))).has(date);
}

/** Working days d with from < d <= to: a Monday submission has waited 4 by Friday. */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let date = addWarsawDays(from, 1); date <= to; date = addWarsawDays(date, 1)) if (isWorkingDay(date)) count += 1;
  return count;
}
