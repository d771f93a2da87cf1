import { greetingFor, paragraph } from '../blocks.js';
import { defineTemplate } from '../template.js';
import { eventDetails, sampleEvent } from './event-details.js';

export const eventCancelled = defineTemplate('event-cancelled', {
  render: (data, lang) => {
    const pl = lang === 'pl';
    return {
      subject: pl ? `Odwołane: ${data.event.title}` : `Cancelled: ${data.event.title}`,
      greeting: greetingFor(data.contactName, lang),
      blocks: [
        paragraph(pl ? 'Z przykrością informujemy, że wydarzenie zostało odwołane. Załączony plik .ics usunie je z kalendarza.' : 'We are sorry to tell you that the event has been cancelled. The attached .ics removes it from your calendar.'),
        ...(data.reason ? [paragraph(pl ? `Powód: ${data.reason}` : `Reason: ${data.reason}`)] : []),
        eventDetails(data.event, lang),
      ],
    };
  },
  sample: { contactName: 'Anna Kowalska', event: sampleEvent, reason: 'Prelegenci nie mogą przyjechać.' },
});
