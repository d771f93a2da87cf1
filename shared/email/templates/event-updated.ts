import { button, greetingFor, paragraph } from '../blocks.js';
import { defineTemplate } from '../template.js';
import { eventDetails, sampleEvent } from './event-details.js';

export const eventUpdated = defineTemplate('event-updated', {
  render: (data, lang) => {
    const pl = lang === 'pl';
    return {
      subject: pl ? `Zmiana terminu lub miejsca: ${data.event.title}` : `Changed time or place: ${data.event.title}`,
      greeting: greetingFor(data.contactName, lang),
      blocks: [
        paragraph(pl ? 'Zmieniły się szczegóły wydarzenia. Aktualne informacje poniżej; załączony plik .ics zaktualizuje Twój kalendarz.' : 'The event details have changed. The current details are below; the attached .ics updates your calendar.'),
        eventDetails(data.event, lang),
        button(pl ? 'Zmień odpowiedź' : 'Change your answer', data.rsvpUrl),
      ],
    };
  },
  sample: { contactName: 'Anna Kowalska', event: sampleEvent, rsvpUrl: 'http://localhost:3000/rsvp/sample-token' },
});
