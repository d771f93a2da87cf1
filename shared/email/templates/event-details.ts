import { details, type Block } from '../blocks.js';
import type { EventSummary } from '../../domain/mail/messages.js';
import { formatDateTime, type Language } from '../language.js';

/** What every event message shows about the event. */
export function eventDetails(event: EventSummary, lang: Language): Block {
  const pl = lang === 'pl';
  return details([
    [pl ? 'Wydarzenie' : 'Event', event.title],
    [pl ? 'Początek' : 'Starts', formatDateTime(event.startsAt, lang)],
    [pl ? 'Koniec' : 'Ends', formatDateTime(event.endsAt, lang)],
    [pl ? 'Miejsce' : 'Venue', event.venue],
    [pl ? 'Transmisja online' : 'Online', event.onlineUrl],
  ]);
}

export const sampleEvent: EventSummary = {
  title: 'Konferencja „Kształcenie zawodowe dla Przemysłu 4.0”',
  startsAt: '2027-01-21T09:00:00.000Z',
  endsAt: '2027-01-21T14:00:00.000Z',
  venue: 'Wrocławskie Centrum Kongresowe, ul. Wystawowa 1, Wrocław',
};
