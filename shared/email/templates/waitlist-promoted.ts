import { button, greetingFor, paragraph } from '../blocks.js';
import { defineTemplate } from '../template.js';
import { eventDetails, sampleEvent } from './event-details.js';

export const waitlistPromoted = defineTemplate('waitlist-promoted', {
  render: (data, lang) => {
    const pl = lang === 'pl';
    return {
      subject: pl ? `Zwolniło się miejsce: ${data.event.title}` : `A place is yours: ${data.event.title}`,
      greeting: greetingFor(data.contactName, lang),
      blocks: [
        paragraph(pl ? 'Dobra wiadomość: zwolniło się miejsce i jest teraz Twoje.' : 'Good news: a place has become free and it is now yours.'),
        eventDetails(data.event, lang),
        button(pl ? 'Nie mogę jednak przyjść' : 'I can no longer attend', data.rsvpUrl),
      ],
    };
  },
  sample: { contactName: 'Anna Kowalska', event: sampleEvent, rsvpUrl: 'http://localhost:3000/rsvp/sample-token' },
});
