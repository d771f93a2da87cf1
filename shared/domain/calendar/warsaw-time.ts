/**
 * Wall-clock time in Europe/Warsaw, with Intl as the only time zone database.
 *
 * Instants are `Date`s (stored as ISO-8601 UTC); local dates are `YYYY-MM-DD`
 * and local times `YYYY-MM-DDTHH:mm`, always meaning Warsaw. Administrators
 * type local times, so a time the clocks skip (spring forward) or show twice
 * (fall back) is refused rather than guessed.
 */
export const warsawTimeZone = 'Europe/Warsaw';

const dayMs = 86_400_000;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export type WarsawWallClock = WallClock & { second: number };

// Built once: constructing an Intl.DateTimeFormat costs far more than using one.
const warsawParts = new Intl.DateTimeFormat('en-US', {
  timeZone: warsawTimeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** What a clock in Warsaw shows at an instant (month 1–12). */
export function warsawWallClock(instant: Date): WarsawWallClock {
  const fields: Record<string, number> = {};
  for (const part of warsawParts.formatToParts(instant)) if (part.type !== 'literal') fields[part.type] = Number(part.value);
  return { year: fields.year!, month: fields.month!, day: fields.day!, hour: fields.hour!, minute: fields.minute!, second: fields.second! };
}

/** The wall clock as if it were UTC, in ms: the arithmetic base for offsets and calendar days. */
function wallClockAsUtcMs(wall: WallClock & { second?: number }): number {
  // Not Date.UTC: it reads years 0–99 as 1900–1999. Out-of-range fields carry over (day 0 is the month's last day before).
  const at = new Date(0);
  at.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  return at.setUTCHours(wall.hour, wall.minute, wall.second ?? 0, 0);
}

/** Warsaw's offset from UTC at an instant, in ms (3 600 000 in winter, 7 200 000 in summer). */
export function warsawOffsetMs(instant: Date): number {
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return wallClockAsUtcMs(warsawWallClock(instant)) - wholeSeconds;
}

/**
 * Every instant whose Warsaw wall clock reads `wall`: one normally, none in
 * the hour skipped in spring, two in the hour repeated in autumn. The offsets
 * a day either side cover any single transition near the wall time.
 */
function instantsAtWallClock(wall: WallClock): Date[] {
  const naive = wallClockAsUtcMs(wall);
  const offsets = new Set([naive - dayMs, naive, naive + dayMs].map((at) => warsawOffsetMs(new Date(at))));
  return [...offsets]
    .map((offset) => new Date(naive - offset))
    .filter((candidate) => warsawOffsetMs(candidate) === naive - candidate.getTime())
    .sort((a, b) => a.getTime() - b.getTime());
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function formatDate({ year, month, day }: Pick<WallClock, 'year' | 'month' | 'day'>): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const localTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const localDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  const lastDay = new Date(wallClockAsUtcMs({ year, month: month + 1, day: 0, hour: 12, minute: 0 })).getUTCDate();
  return day <= lastDay;
}

function parseLocalDate(date: string): Pick<WallClock, 'year' | 'month' | 'day'> {
  const match = localDatePattern.exec(date);
  const [year, month, day] = match ? match.slice(1).map(Number) : [];
  if (year === undefined || month === undefined || day === undefined || !isRealDate(year, month, day)) {
    // A programming error: local dates come from warsawDate or from validated input.
    throw new RangeError(`Not a local date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  }
  return { year, month, day };
}

export type WarsawLocalTimeRefusal = 'malformed' | 'nonexistent' | 'ambiguous';

export type ParsedWarsawLocalTime =
  | { ok: true; instant: Date }
  | { ok: false; refusal: WarsawLocalTimeRefusal; message: string };

const refusalMessages: Record<WarsawLocalTimeRefusal, string> = {
  malformed: 'Give a local date and time as YYYY-MM-DDTHH:mm, for example 2026-09-15T10:00.',
  nonexistent: 'This time does not exist in Warsaw: the clocks jump forward an hour that night.',
  ambiguous: 'This time happens twice in Warsaw: the clocks go back an hour that night. Choose a time outside that hour.',
};

const refuse = (refusal: WarsawLocalTimeRefusal): ParsedWarsawLocalTime => ({ ok: false, refusal, message: refusalMessages[refusal] });

/** `YYYY-MM-DDTHH:mm` in Warsaw → the UTC instant, or why it cannot be one. */
export function parseWarsawLocalTime(text: string): ParsedWarsawLocalTime {
  const match = localTimePattern.exec(text);
  if (!match) return refuse('malformed');
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59) return refuse('malformed');
  const instants = instantsAtWallClock({ year, month, day, hour, minute });
  if (instants.length === 0) return refuse('nonexistent');
  if (instants.length > 1) return refuse('ambiguous');
  return { ok: true, instant: instants[0]! };
}

/** An instant as Warsaw shows it, `YYYY-MM-DDTHH:mm` (seconds dropped). */
export function toWarsawLocalTime(instant: Date): string {
  const wall = warsawWallClock(instant);
  return `${formatDate(wall)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** The Warsaw calendar date of an instant, `YYYY-MM-DD`. */
export function warsawDate(instant: Date): string {
  return formatDate(warsawWallClock(instant));
}

/** Calendar arithmetic on a local date: `addWarsawDays('2026-10-24', 1)` is `2026-10-25`, however long that day is. */
export function addWarsawDays(date: string, days: number): string {
  const noon = new Date(wallClockAsUtcMs({ ...parseLocalDate(date), hour: 12, minute: 0 }));
  noon.setUTCDate(noon.getUTCDate() + days);
  return formatDate({ year: noon.getUTCFullYear(), month: noon.getUTCMonth() + 1, day: noon.getUTCDate() });
}

/** Calendar days from one local date to another (negative if `to` is earlier): "days left" before a deadline. */
export function warsawDaysBetween(from: string, to: string): number {
  const noonOf = (date: string) => wallClockAsUtcMs({ ...parseLocalDate(date), hour: 12, minute: 0 });
  return Math.round((noonOf(to) - noonOf(from)) / dayMs);
}

/**
 * The instant a Warsaw calendar day begins. Warsaw changes its clocks at
 * 02:00/03:00, so midnight always exists once; the day itself lasts 23, 24 or
 * 25 hours, which is why schedules step by calendar date, never by 24 h.
 */
export function warsawMidnight(date: string): Date {
  const [midnight] = instantsAtWallClock({ ...parseLocalDate(date), hour: 0, minute: 0 });
  if (!midnight) throw new RangeError(`Midnight of ${date} does not exist in ${warsawTimeZone}`);
  return midnight;
}

/** The instant the Warsaw day of `instant` began. */
export function startOfWarsawDay(instant: Date): Date {
  return warsawMidnight(warsawDate(instant));
}

/** The local date `days` calendar days before the local date of `instant`: "7 days before the start" is a day, not 168 hours. */
export function warsawDateDaysBefore(instant: Date, days: number): string {
  return addWarsawDays(warsawDate(instant), -days);
}
