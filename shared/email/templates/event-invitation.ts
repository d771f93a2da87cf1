import { button, greetingFor, paragraph } from '../blocks.js';
import { formatDateTime } from '../language.js';
import { defineTemplate } from '../template.js';
import { eventDetails, sampleEvent } from './event-details.js';

export const eventInvitation = defineTemplate('event-invitation', {
  render: (data, lang) => {
    const pl = lang === 'pl';
    return {
      subject: pl ? `Zaproszenie: ${data.event.title}` : `Invitation: ${data.event.title}`,
      greeting: greetingFor(data.contactName, lang),
      blocks: [
        paragraph(pl ? 'Serdecznie zapraszamy na wydarzenie Klastra Edukacyjnego GLOKAL.' : 'You are warmly invited to an event of the GLOKAL Education Cluster.'),
        eventDetails(data.event, lang),
        paragraph(data.event.description),
        paragraph(
          pl
            ? `Prosimy o odpowiedź do ${formatDateTime(data.rsvpDeadline, lang)}. Liczba miejsc jest ograniczona.`
            : `Please answer by ${formatDateTime(data.rsvpDeadline, lang)}. Places are limited.`,
        ),
        button(pl ? 'Wezmę udział' : 'I will attend', data.acceptUrl),
        button(pl ? 'Nie wezmę udziału' : 'I cannot attend', data.declineUrl),
        paragraph(pl ? `Szczegóły i zmiana odpowiedzi: ${data.rsvpUrl}` : `Details and changing your answer: ${data.rsvpUrl}`),
      ],
    };
  },
  sample: {
    contactName: 'Anna Kowalska',
    event: { ...sampleEvent, description: 'Panele z udziałem pracodawców, szkół branżowych i uczelni; prezentacja wspólnych projektów Erasmus+.' },
    rsvpDeadline: '2027-01-14T22:59:00.000Z',
    acceptUrl: 'http://localhost:3000/rsvp/sample-token?response=accept',
    declineUrl: 'http://localhost:3000/rsvp/sample-token?response=decline',
    rsvpUrl: 'http://localhost:3000/rsvp/sample-token',
  },
});
