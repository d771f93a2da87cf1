import type { ICalTemporalInstantStub, ICalTemporalPlainDateTimeStub, ICalTemporalZonedDateTimeStub } from 'ical-generator';
import { warsawTimeZone, warsawWallClock, type WarsawWallClock } from '../domain/calendar/warsaw-time.js';

/**
 * Europe/Warsaw for iCalendar files: the VTIMEZONE block that tells a calendar
 * client what `TZID=Europe/Warsaw` means, and the start and end times in the
 * shape ical-generator formats as Warsaw wall-clock time.
 */

/**
 * CET/CEST as the EU has defined them since 1996: summer time from 02:00 CET
 * on the last Sunday of March to 03:00 CEST on the last Sunday of October.
 * ical-generator has no time zone data of its own. Google Calendar goes by
 * the TZID's name; Outlook and others read their rules from this block.
 */
export const warsawVtimezone = [
  'BEGIN:VTIMEZONE',
  `TZID:${warsawTimeZone}`,
  'X-LIC-LOCATION:Europe/Warsaw',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** ical-generator's time zone generator: the block for Warsaw, nothing for a zone this project never writes. */
export function vtimezoneFor(timeZone: string): string | null {
  return timeZone === warsawTimeZone ? warsawVtimezone : null;
}

type SupportedZone = typeof warsawTimeZone | 'UTC';

function supportedZone(timeZone: string): SupportedZone {
  if (timeZone === warsawTimeZone || timeZone === 'UTC') return timeZone;
  throw new RangeError(`Only ${warsawTimeZone} and UTC are supported, not ${timeZone}`);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function utcWallClock(instant: Date): WarsawWallClock {
  return {
    year: instant.getUTCFullYear(),
    month: instant.getUTCMonth() + 1,
    day: instant.getUTCDate(),
    hour: instant.getUTCHours(),
    minute: instant.getUTCMinutes(),
    second: instant.getUTCSeconds(),
  };
}

/**
 * The Temporal shapes ical-generator recognises (it exports their types), for
 * one instant in Warsaw or UTC: only what it calls is meaningful, and any
 * other zone is refused rather than silently mis-converted.
 */
function zonedDateTime(instant: Date, timeZoneId: SupportedZone): ICalTemporalZonedDateTimeStub {
  const wall = timeZoneId === 'UTC' ? utcWallClock(instant) : warsawWallClock(instant);
  const date = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
  const local = `${date}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
  const self: ICalTemporalZonedDateTimeStub = {
    ...wall,
    timeZoneId,
    withTimeZone: (timeZone) => (timeZone === timeZoneId ? self : zonedDateTime(instant, supportedZone(timeZone))),
    toInstant: () => instantOf(instant),
    toPlainDateTime: (): ICalTemporalPlainDateTimeStub => ({
      ...wall,
      toPlainDate: () => ({ year: wall.year, month: wall.month, day: wall.day, toJSON: () => date, toString: () => date }),
      // Reading this wall clock in another zone would be another instant: only its own zone gives it back.
      toZonedDateTime: (timeZone) => {
        if (timeZone !== timeZoneId) throw new RangeError(`A ${timeZoneId} wall clock read in ${timeZone} is another instant`);
        return self;
      },
      toJSON: () => local,
      toString: () => local,
    }),
    toJSON: () => `${instant.toISOString()}[${timeZoneId}]`,
    toString: () => `${instant.toISOString()}[${timeZoneId}]`,
  };
  return self;
}

function instantOf(instant: Date): ICalTemporalInstantStub {
  return {
    epochMilliseconds: instant.getTime(),
    toZonedDateTimeISO: (timeZone) => zonedDateTime(instant, supportedZone(timeZone)),
    toJSON: () => instant.toISOString(),
    toString: () => instant.toISOString(),
  };
}

/**
 * An instant as a Temporal.ZonedDateTime-like value in Warsaw, which
 * ical-generator writes as `DTSTART;TZID=Europe/Warsaw:<local time>`. A plain
 * Date would not do: ical-generator formats it with the process's own time
 * zone (UTC on Lambda), writing the UTC clock time under a Warsaw TZID.
 */
export function warsawDateTime(instant: Date): ICalTemporalZonedDateTimeStub {
  return zonedDateTime(instant, warsawTimeZone);
}
