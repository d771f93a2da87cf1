import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { parseWarsawLocalTime, toWarsawLocalTime } from '../../shared/domain/calendar/warsaw-time.js';
import { eventCalendar, eventCalendarAttachment, type EventCalendarInput } from '../../shared/email/ics.js';
import { warsawVtimezone } from '../../shared/email/ics-warsaw-time-zone.js';

// Parsed with ical.js, a different library from the one that writes the files.

const seed = 20_261_025;

function utc(localTime: string): string {
  const parsed = parseWarsawLocalTime(localTime);
  if (!parsed.ok) throw new Error(`${localTime}: ${parsed.refusal}`);
  return parsed.instant.toISOString();
}

const invitation: EventCalendarInput = {
  uid: 'event-01J9Z3@glokal.eu',
  sequence: 0,
  method: 'PUBLISH',
  title: 'Konferencja „Edukacja 4.0”',
  description: 'Program i rejestracja w zaproszeniu.',
  startsAt: utc('2026-10-26T09:00'),
  endsAt: utc('2026-10-26T15:30'),
  venue: 'Wrocławski Park Technologiczny, ul. Klecińska 123, Wrocław',
  organizer: { name: 'Klaster GLOKAL', email: 'biuro@glokal.eu' },
  lang: 'pl',
  stampedAt: '2026-09-01T08:00:00.000Z',
};

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

describe('eventCalendar: an invitation', () => {
  const { calendar, vevent, event } = parse(eventCalendar(invitation));

  it('is published, not requested, so calendar clients add no Accept/Decline of their own', () => {
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(vevent.getAllProperties('attendee')).toEqual([]);
  });

  it('carries the stable UID, the SEQUENCE and the DTSTAMP given', () => {
    expect(event.uid).toBe('event-01J9Z3@glokal.eu');
    expect(event.sequence).toBe(0);
    expect(vevent.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-09-01T08:00:00Z');
  });

  it('starts and ends in Warsaw local time under TZID=Europe/Warsaw', () => {
    expect(vevent.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Warsaw');
    expect(vevent.getFirstProperty('dtend')?.getParameter('tzid')).toBe('Europe/Warsaw');
    expect(event.startDate.toString()).toBe('2026-10-26T09:00:00');
    expect(event.endDate.toString()).toBe('2026-10-26T15:30:00');
    expect(event.startDate.toJSDate().toISOString()).toBe(invitation.startsAt);
  });

  it('names the venue and the organizer', () => {
    expect(event.location).toBe(invitation.venue);
    expect(vevent.getFirstPropertyValue('url')).toBeNull();
    const organizer = vevent.getFirstProperty('organizer');
    expect(organizer?.getFirstValue()).toBe('mailto:biuro@glokal.eu');
    expect(organizer?.getParameter('cn')).toBe('Klaster GLOKAL');
  });

  it('is CRLF text folded at 75 octets', () => {
    const ics = eventCalendar({ ...invitation, description: 'Zażółć gęślą jaźń. '.repeat(20) });
    expect(ics).not.toMatch(/[^\r]\n/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(parse(ics).event.description).toBe('Zażółć gęślą jaźń. '.repeat(20));
  });
});

describe('eventCalendar: local times in the weeks the clocks change', () => {
  const cases = [
    { name: 'Saturday before the autumn change (CEST)', local: '2026-10-24T09:00', utc: '2026-10-24T07:00:00.000Z' },
    { name: 'Monday after the autumn change (CET)', local: '2026-10-26T09:00', utc: '2026-10-26T08:00:00.000Z' },
    { name: 'the autumn change day, after the repeated hour', local: '2026-10-25T03:30', utc: '2026-10-25T02:30:00.000Z' },
    { name: 'Saturday before the spring change (CET)', local: '2027-03-27T10:00', utc: '2027-03-27T09:00:00.000Z' },
    { name: 'the spring change day, after the skipped hour', local: '2027-03-28T03:30', utc: '2027-03-28T01:30:00.000Z' },
    { name: 'Monday after the spring change (CEST)', local: '2027-03-29T10:00', utc: '2027-03-29T08:00:00.000Z' },
  ];
  for (const example of cases) {
    it(`${example.name}: ${example.local} local is ${example.utc}`, () => {
      const startsAt = utc(example.local);
      expect(startsAt).toBe(example.utc);
      const { event } = parse(eventCalendar({ ...invitation, startsAt, endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString() }));
      expect(event.startDate.toString()).toBe(`${example.local}:00`);
      expect(event.startDate.toJSDate().toISOString()).toBe(example.utc);
    });
  }

  it('writes the same file whatever time zone the process runs in', () => {
    const original = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const inUtc = eventCalendar(invitation);
      process.env.TZ = 'America/New_York';
      expect(new Date('2026-07-01T12:00:00Z').getHours()).toBe(8); // the switch took effect
      expect(eventCalendar(invitation)).toBe(inUtc);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});

describe('the VTIMEZONE for Europe/Warsaw', () => {
  const { calendar } = parse(eventCalendar(invitation));
  const vtimezone = calendar.getFirstSubcomponent('vtimezone')!;
  const warsaw = new ICAL.Timezone(vtimezone);

  it('is in the file, once, with CET and CEST and their offsets', () => {
    expect(calendar.getAllSubcomponents('vtimezone')).toHaveLength(1);
    expect(vtimezone.getFirstPropertyValue('tzid')).toBe('Europe/Warsaw');
    const daylight = vtimezone.getFirstSubcomponent('daylight')!;
    const standard = vtimezone.getFirstSubcomponent('standard')!;
    expect(daylight.getFirstPropertyValue('tzname')).toBe('CEST');
    expect(daylight.getFirstPropertyValue('tzoffsetfrom')?.toString()).toBe('+01:00');
    expect(daylight.getFirstPropertyValue('tzoffsetto')?.toString()).toBe('+02:00');
    expect(standard.getFirstPropertyValue('tzname')).toBe('CET');
    expect(standard.getFirstPropertyValue('tzoffsetfrom')?.toString()).toBe('+02:00');
    expect(standard.getFirstPropertyValue('tzoffsetto')?.toString()).toBe('+01:00');
  });

  /**
   * A wall clock read in this VTIMEZONE, as a client reads DTSTART;TZID=…
   * (local to UTC: the direction ical.js gets right; its UTC-to-local
   * conversion is off by an hour next to a change, whatever the VTIMEZONE).
   */
  const warsawTime = (localTime: string) => {
    const [year, month, day, hour, minute] = localTime.split(/[-T:]/).map(Number) as [number, number, number, number, number];
    return new ICAL.Time({ year, month, day, hour, minute, second: 0, isDate: false }, warsaw);
  };
  const instantInWarsaw = (localTime: string) => warsawTime(localTime).toJSDate().toISOString();

  it('moves the clocks on the last Sunday of March and of October', () => {
    const around = ['2026-03-29T01:59', '2026-03-29T03:00', '2026-10-25T01:59', '2026-10-25T03:00', '2027-03-28T01:59', '2027-03-28T03:00', '2027-10-31T01:59', '2027-10-31T03:00'];
    expect(around.map(instantInWarsaw)).toEqual([
      '2026-03-29T00:59:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-10-24T23:59:00.000Z',
      '2026-10-25T02:00:00.000Z',
      '2027-03-28T00:59:00.000Z',
      '2027-03-28T01:00:00.000Z',
      '2027-10-30T23:59:00.000Z',
      '2027-10-31T02:00:00.000Z',
    ]);
  });

  /** Local times from 1996 to 2100, half of them within three hours of a clock change. */
  const localTimes = fc.oneof(
    fc.date({ min: new Date('1996-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map(toWarsawLocalTime),
    fc.record({ year: fc.integer({ min: 1996, max: 2100 }), month: fc.constantFrom(3, 10), minutes: fc.integer({ min: -180, max: 180 }) }).map(({ year, month, minutes }) => {
      const lastDay = new Date(Date.UTC(year, month, 0));
      const lastSunday = lastDay.getUTCDate() - lastDay.getUTCDay();
      return new Date(Date.UTC(year, month - 1, lastSunday, 2) + minutes * 60_000).toISOString().slice(0, 16);
    }),
  );

  it('gives every Warsaw local time from 1996 to 2100 the instant the time zone database gives it', () => {
    fc.assert(
      fc.property(localTimes, (localTime) => {
        const parsed = parseWarsawLocalTime(localTime);
        fc.pre(parsed.ok); // a skipped or repeated time is refused before it reaches a file
        if (parsed.ok) expect(instantInWarsaw(localTime)).toBe(parsed.instant.toISOString());
      }),
      { seed, numRuns: 1_000 },
    );
  });

  it('has CEST (+02:00) in summer and CET (+01:00) in winter', () => {
    expect(warsawTime('2027-01-15T12:00').utcOffset()).toBe(3600);
    expect(warsawTime('2027-07-15T12:00').utcOffset()).toBe(7200);
  });

  it('is the block the module exports', () => {
    expect(eventCalendar(invitation)).toContain(warsawVtimezone);
  });
});

describe('eventCalendar: updates and cancellation', () => {
  it('keeps the UID of an update and raises its SEQUENCE', () => {
    const { calendar, event } = parse(eventCalendar({ ...invitation, sequence: 1, startsAt: utc('2026-10-27T10:00'), endsAt: utc('2026-10-27T16:00') }));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(event.uid).toBe(invitation.uid);
    expect(event.sequence).toBe(1);
    expect(event.startDate.toString()).toBe('2026-10-27T10:00:00');
  });

  it('cancels with METHOD:CANCEL and STATUS:CANCELLED under the same UID', () => {
    const { calendar, vevent, event } = parse(eventCalendar({ ...invitation, method: 'CANCEL', sequence: 2 }));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.uid).toBe(invitation.uid);
    expect(event.sequence).toBe(2);
  });
});

describe('eventCalendar: text that needs escaping', () => {
  it('keeps commas, semicolons, newlines, backslashes, quotes and Polish letters', () => {
    const title = 'Szkolenie: AI, robotyka; „Przemysł 4.0” — dzień 1\nsala B';
    const description = 'Zażółć gęślą jaźń, ĄĆĘŁŃÓŚŹŻ; "cytat"\r\nlinia 2\nścieżka C:\\dane\\plik.pdf\n\n— koniec';
    const venue = 'Wałbrzych, ul. Świdnicka 5; sala 12';
    const { event } = parse(eventCalendar({ ...invitation, title, description, venue }));
    expect(event.summary).toBe(title);
    expect(event.description).toBe(description.replace(/\r\n/g, '\n'));
    expect(event.location).toBe(venue);
  });

  it('keeps an organizer name with quotes or line breaks parseable', () => {
    const { vevent } = parse(eventCalendar({ ...invitation, organizer: { name: 'Klaster "GLOKAL"\nbiuro', email: 'biuro@glokal.eu' } }));
    expect(vevent.getFirstProperty('organizer')?.getParameter('cn')).toBe("Klaster 'GLOKAL' biuro");
  });

  it('gives an online event its link as URL and as location, with , and ; percent-encoded', () => {
    const onlineUrl = 'https://meet.example.org/j/123?pwd=a,b;c';
    const { vevent, event } = parse(eventCalendar({ ...invitation, venue: undefined, onlineUrl }));
    expect(vevent.getFirstPropertyValue('url')).toBe('https://meet.example.org/j/123?pwd=a%2Cb%3Bc');
    expect(event.location).toBe(onlineUrl);
  });

  it('keeps the venue as the location of a hybrid event', () => {
    const { vevent, event } = parse(eventCalendar({ ...invitation, onlineUrl: 'https://meet.example.org/j/1' }));
    expect(event.location).toBe(invitation.venue);
    expect(vevent.getFirstPropertyValue('url')).toBe('https://meet.example.org/j/1');
  });

  it('refuses a start that is not an instant', () => {
    expect(() => eventCalendar({ ...invitation, startsAt: '2026-10-26T09:00 Warsaw' })).toThrow(RangeError);
  });
});

describe('eventCalendarAttachment', () => {
  it('is the outbox attachment with the METHOD in its content type', () => {
    expect(eventCalendarAttachment(invitation)).toEqual({
      filename: 'wydarzenie.ics',
      contentType: 'text/calendar; method=PUBLISH; charset=UTF-8',
      content: eventCalendar(invitation),
    });
    const cancellation = eventCalendarAttachment({ ...invitation, method: 'CANCEL', lang: 'en' });
    expect(cancellation.filename).toBe('event.ics');
    expect(cancellation.contentType).toBe('text/calendar; method=CANCEL; charset=UTF-8');
    expect(parse(cancellation.content).calendar.getFirstPropertyValue('method')).toBe('CANCEL');
  });
});
