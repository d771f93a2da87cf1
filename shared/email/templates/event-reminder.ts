import { button, greetingFor, paragraph } from '../blocks.js';
import { defineTemplate } from '../template.js';
import { eventDetails, sampleEvent } from './event-details.js';

export const eventReminder = defineTemplate('event-reminder', {
  render: (data, lang) => {
    const pl = lang === 'pl';
    // 0: a reminder caught up on the day itself (the day before was missed), still before the start.
    const when = pl
      ? data.daysBefore === 0 ? 'dziś' : data.daysBefore === 1 ? 'jutro' : `za ${data.daysBefore} dni`
      : data.daysBefore === 0 ? 'today' : data.daysBefore === 1 ? 'tomorrow' : `in ${data.daysBefore} days`;
    return {
      subject: pl ? `Przypomnienie: ${data.event.title} ${when}` : `Reminder: ${data.event.title} ${when}`,
      greeting: greetingFor(data.contactName, lang),
      blocks: [
        paragraph(pl ? `Przypominamy, że ${when} odbędzie się wydarzenie, w którym potwierdził(a) Pan/Pani udział.` : `A reminder that the event you are attending takes place ${when}.`),
        eventDetails(data.event, lang),
        button(pl ? 'Nie mogę jednak przyjść' : 'I can no longer attend', data.rsvpUrl),
      ],
    };
  },
  sample: { contactName: 'Anna Kowalska', event: sampleEvent, daysBefore: 7, rsvpUrl: 'http://localhost:3000/rsvp/sample-token' },
});
