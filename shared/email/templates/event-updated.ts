import { button, greetingFor, paragraph } from '../blocks.js';
import { defineTemplate } from '../template.js';
import { eventDetails, sampleEvent } from './event-details.js';

/** What moved, in a sentence: readers see the change before the details. */
function whatChanged(changed: ReadonlyArray<'time' | 'place'>, pl: boolean): string {
  const time = changed.includes('time');
  const place = changed.includes('place');
  if (time && place) return pl ? 'Zmienił się termin i miejsce wydarzenia.' : 'The event has a new time and a new place.';
  if (place) return pl ? 'Zmieniło się miejsce wydarzenia.' : 'The event has moved to a new place.';
  return pl ? 'Zmienił się termin wydarzenia.' : 'The event has a new time.';
}

export const eventUpdated = defineTemplate('event-updated', {
  render: (data, lang) => {
    const pl = lang === 'pl';
    return {
      subject: pl ? `Zmiana terminu lub miejsca: ${data.event.title}` : `Changed time or place: ${data.event.title}`,
      greeting: greetingFor(data.contactName, lang),
      blocks: [
        paragraph(whatChanged(data.changed, pl)),
        paragraph(
          pl
            ? 'Aktualne informacje (czas warszawski) poniżej; załączony plik .ics zaktualizuje wydarzenie w Twoim kalendarzu. Jeśli nowy termin Ci nie odpowiada, zmień odpowiedź, by zwolnić miejsce.'
            : 'The current details (Warsaw time) are below; the attached .ics updates the event in your calendar. If the new arrangement does not suit you, change your answer to free your seat.',
        ),
        eventDetails(data.event, lang),
        button(pl ? 'Zmień odpowiedź' : 'Change your answer', data.rsvpUrl),
      ],
    };
  },
  sample: { contactName: 'Anna Kowalska', event: sampleEvent, changed: ['time'], rsvpUrl: 'http://localhost:3000/rsvp/sample-token' },
});
