import { ICalCalendar, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Language } from '../domain/language.js';
import type { Attachment } from '../domain/mail/outbox-message.js';
import { warsawTimeZone } from '../domain/calendar/warsaw-time.js';
import { headerText } from './header.js';
import { vtimezoneFor, warsawDateTime } from './ics-warsaw-time-zone.js';

/**
 * The `.ics` file of an event invitation, update or cancellation.
 *
 * PUBLISH, not REQUEST: with REQUEST, Outlook and Gmail show their own
 * Accept/Decline buttons, whose replies go to the organizer's mailbox instead
 * of this system, and invitees would believe they had answered. A client
 * recognises an update or a cancellation by the same UID and a higher SEQUENCE.
 */
export type CalendarMethod = 'PUBLISH' | 'CANCEL';

export interface EventCalendarInput {
  /** Stable for the event's whole life (its updates and its cancellation), e.g. `<eventId>@glokal.eu`. */
  uid: string;
  /** Raised by every change the recipient should see; a cancellation carries the highest. */
  sequence: number;
  method: CalendarMethod;
  title: string;
  description: string;
  /** ISO-8601 UTC instants. */
  startsAt: string;
  endsAt: string;
  venue?: string;
  onlineUrl?: string;
  organizer: { name: string; email: string };
  lang: Language;
  /** DTSTAMP: when this file was made (the use case's clock); now if absent. */
  stampedAt?: string;
}

function instant(iso: string, field: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`${field} is not an instant: ${JSON.stringify(iso)}`);
  return date;
}

/**
 * A quoted parameter value (ORGANIZER;CN="…") cannot hold a double quote or a
 * line break, and ical-generator's backslash escaping is not part of RFC 5545
 * there, so such characters are replaced rather than escaped.
 */
function parameterSafe(text: string): string {
  return headerText(text).replace(/"/g, "'").replace(/\\/g, '/');
}

/**
 * ical-generator escapes `,` and `;` in a URI value as if it were text, which
 * would change the link; percent-encoded they mean the same to any web server.
 */
export function uriSafe(url: string): string {
  return url.replace(/,/g, '%2C').replace(/;/g, '%3B');
}

/** The `.ics` text (CRLF lines, folded at 75 octets) of one event in Europe/Warsaw time. */
export function eventCalendar(input: EventCalendarInput): string {
  const cancelled = input.method === 'CANCEL';
  const calendar = new ICalCalendar({
    prodId: { company: 'Klaster GLOKAL', product: 'Wydarzenia', language: input.lang.toUpperCase() },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone name: ical-generator would then write DTSTAMP in local time without its Z.
    timezone: { name: null, generator: vtimezoneFor },
  });
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    stamp: input.stampedAt ? instant(input.stampedAt, 'stampedAt') : new Date(),
    start: warsawDateTime(instant(input.startsAt, 'startsAt')),
    end: warsawDateTime(instant(input.endsAt, 'endsAt')),
    timezone: warsawTimeZone,
    summary: input.title,
    description: input.description,
    // Outlook shows LOCATION, not URL, so an online event's link is its location too.
    location: input.venue ?? input.onlineUrl ?? null,
    url: input.onlineUrl ? uriSafe(input.onlineUrl) : null,
    organizer: { name: parameterSafe(input.organizer.name), email: input.organizer.email },
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}

const attachmentNames: Record<Language, string> = { pl: 'wydarzenie.ics', en: 'event.ics' };

/**
 * The file as an outbox attachment. The content type repeats the METHOD
 * (RFC 6047), which is what makes mail clients treat it as a calendar item.
 */
export function eventCalendarAttachment(input: EventCalendarInput): Attachment {
  return {
    filename: attachmentNames[input.lang],
    contentType: `text/calendar; method=${input.method}; charset=UTF-8`,
    content: eventCalendar(input),
  };
}
