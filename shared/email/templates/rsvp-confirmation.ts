import { button, greetingFor, paragraph } from '../blocks.js';
import { defineTemplate } from '../template.js';
import { eventDetails, sampleEvent } from './event-details.js';

const copy = {
  pl: {
    accepted: { subject: 'Potwierdzamy udział', text: 'Dziękujemy! Twoje miejsce jest zarezerwowane.' },
    declined: { subject: 'Odnotowaliśmy odmowę', text: 'Dziękujemy za odpowiedź. Szkoda, że nie możesz dołączyć.' },
    waitlisted: { subject: 'Jesteś na liście rezerwowej', text: 'Wszystkie miejsca są zajęte. Jesteś na liście rezerwowej; napiszemy, gdy zwolni się miejsce.' },
    position: 'Miejsce na liście rezerwowej',
    change: 'Zmień odpowiedź',
  },
  en: {
    accepted: { subject: 'Your place is confirmed', text: 'Thank you! Your place is reserved.' },
    declined: { subject: 'We noted you cannot attend', text: 'Thank you for letting us know. We are sorry you cannot join.' },
    waitlisted: { subject: 'You are on the waitlist', text: 'All places are taken. You are on the waitlist; we will write as soon as a place frees up.' },
    position: 'Waitlist position',
    change: 'Change your answer',
  },
} as const;

export const rsvpConfirmation = defineTemplate('rsvp-confirmation', {
  render: (data, lang) => {
    const text = copy[lang];
    return {
      subject: `${text[data.answer].subject}: ${data.event.title}`,
      greeting: greetingFor(data.contactName, lang),
      blocks: [
        paragraph(text[data.answer].text),
        ...(data.answer === 'waitlisted' && data.waitlistPosition ? [paragraph(`${text.position}: ${data.waitlistPosition}`)] : []),
        eventDetails(data.event, lang),
        button(text.change, data.rsvpUrl),
      ],
    };
  },
  sample: { contactName: 'Anna Kowalska', event: sampleEvent, answer: 'waitlisted', waitlistPosition: 3, rsvpUrl: 'http://localhost:3000/rsvp/sample-token' },
});
