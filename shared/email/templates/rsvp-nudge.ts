import { button, greetingFor, paragraph } from '../blocks.js';
import { formatDateTime } from '../language.js';
import { defineTemplate } from '../template.js';
import { eventDetails, sampleEvent } from './event-details.js';

export const rsvpNudge = defineTemplate('rsvp-nudge', {
  render: (data, lang) => {
    const pl = lang === 'pl';
    return {
      subject: pl ? `Czekamy na odpowiedź: ${data.event.title}` : `Awaiting your answer: ${data.event.title}`,
      greeting: greetingFor(data.contactName, lang),
      blocks: [
        paragraph(
          pl
            ? `Nie otrzymaliśmy jeszcze odpowiedzi na zaproszenie. Zapisy kończą się ${formatDateTime(data.rsvpDeadline, lang)}.`
            : `We have not received your answer yet. Registration closes ${formatDateTime(data.rsvpDeadline, lang)}.`,
        ),
        eventDetails(data.event, lang),
        button(pl ? 'Wezmę udział' : 'I will attend', data.acceptUrl),
        button(pl ? 'Nie wezmę udziału' : 'I cannot attend', data.declineUrl),
      ],
    };
  },
  sample: {
    contactName: 'Anna Kowalska',
    event: sampleEvent,
    rsvpDeadline: '2027-01-14T22:59:00.000Z',
    acceptUrl: 'http://localhost:3000/rsvp/sample-token?response=accept',
    declineUrl: 'http://localhost:3000/rsvp/sample-token?response=decline',
  },
});
