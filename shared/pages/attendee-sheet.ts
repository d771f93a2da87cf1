import { toWarsawLocalTime } from '../domain/calendar/warsaw-time.js';
import type { Attendee } from '../domain/events/attendees.js';
import { toCsv, type CsvColumn } from '../http/csv.js';

/**
 * The attendee list as the office opens it in Excel: Polish headers, the
 * answer as the API's code (what `?answer=` filters on), the answer time on
 * the Warsaw wall clock in a form Excel reads as a date and time.
 */
const columns: readonly CsvColumn<Attendee>[] = [
  { header: 'Organizacja', value: (row) => row.organisation },
  { header: 'Osoba', value: (row) => row.name },
  { header: 'E-mail', value: (row) => row.email },
  { header: 'Język', value: (row) => row.language },
  { header: 'Odpowiedź', value: (row) => row.answer },
  { header: 'Pozycja na liście rezerwowej', value: (row) => row.waitlistPosition },
  { header: 'Czas odpowiedzi (Europe/Warsaw)', value: (row) => (row.answeredAt === undefined ? undefined : toWarsawLocalTime(new Date(row.answeredAt)).replace('T', ' ')) },
];

/** `;`-separated: Excel with Polish regional settings (decimal comma) splits a double-clicked file on semicolons, not commas. */
export const attendeeSheet = (attendees: readonly Attendee[]): string => toCsv(columns, attendees, ';');
