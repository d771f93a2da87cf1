import { ICalCalendar } from 'ical-generator';
import type { FundingCall } from '../domain/grants/funding-call.js';
import type { Language } from '../domain/language.js';
import { warsawTimeZone } from '../domain/calendar/warsaw-time.js';
import { uriSafe } from './ics.js';
import { vtimezoneFor, warsawDateTime } from './ics-warsaw-time-zone.js';

const hourMs = 3_600_000;

/**
 * A contact's deadline calendar (a feed Outlook or Google Calendar
 * subscribes to): each open call as the hour before its deadline, in
 * Europe/Warsaw time. UID per call and SEQUENCE its version, so a moved
 * deadline moves the event in the subscribed calendar.
 */
export function deadlineCalendar(calls: readonly FundingCall[], lang: Language, stampedAt: Date): string {
  const pl = lang === 'pl';
  const calendar = new ICalCalendar({
    prodId: { company: 'Klaster GLOKAL', product: 'Terminy naborow', language: lang.toUpperCase() },
    name: pl ? 'Terminy naborów – Klaster GLOKAL' : 'Funding deadlines – GLOKAL Cluster',
    timezone: { name: null, generator: vtimezoneFor },
    ttl: 6 * 3600,
  });
  for (const call of calls) {
    const deadline = new Date(call.deadlineAt);
    calendar.createEvent({
      id: `${call.callId}@grants.glokal.eu`,
      sequence: call.version,
      stamp: stampedAt,
      start: warsawDateTime(new Date(deadline.getTime() - hourMs)),
      end: warsawDateTime(deadline),
      timezone: warsawTimeZone,
      summary: `${pl ? 'Termin naboru' : 'Deadline'}: ${call.programme} – ${call.title[lang]}`,
      description: `${call.callIdentifier}\n${call.url}`,
      url: uriSafe(call.url),
    });
  }
  return calendar.toString();
}
