import { button, details, greetingFor, paragraph, section } from '../blocks.js';
import { formatDateTime } from '../language.js';
import { defineTemplate } from '../template.js';

export const grantReminderDigest = defineTemplate('grant-reminder-digest', {
  render: (data, lang) => {
    const pl = lang === 'pl';
    const first = data.calls[0];
    return {
      subject: pl
        ? `Terminy naborów: ${data.calls.length === 1 && first ? `${first.programme} – ${first.daysLeft} dni` : `${data.calls.length} nabory`}`
        : `Funding deadlines: ${data.calls.length === 1 && first ? `${first.programme} – ${first.daysLeft} days` : `${data.calls.length} calls`}`,
      greeting: greetingFor(data.contactName, lang),
      blocks: [
        paragraph(pl ? 'Zbliżają się terminy naborów pasujących do profilu Twojej organizacji:' : 'Deadlines of funding calls that match your organisation’s profile are approaching:'),
        ...data.calls.map((call) =>
          section(`${call.programme}: ${call.title}`, [
            details([
              [pl ? 'Nabór' : 'Call', call.callIdentifier],
              [pl ? 'Termin' : 'Deadline', formatDateTime(call.deadline, lang)],
              [pl ? 'Pozostało dni' : 'Days left', String(call.daysLeft)],
            ]),
            button(pl ? 'Ogłoszenie o naborze' : 'Call announcement', call.url),
            paragraph(pl ? `Ten nabór nas nie dotyczy: ${call.notRelevantUrl}` : `Not relevant for us: ${call.notRelevantUrl}`),
          ]),
        ),
      ],
    };
  },
  sample: {
    contactName: 'Anna Kowalska',
    calls: [
      {
        programme: 'Erasmus+',
        callIdentifier: 'KA220-VET-2027',
        title: 'Partnerstwa współpracy w kształceniu zawodowym',
        url: 'https://erasmus-plus.ec.europa.eu/',
        deadline: '2027-03-05T11:00:00.000Z',
        daysLeft: 7,
        notRelevantUrl: 'http://localhost:3000/unsubscribe/sample-token?category=grants',
      },
      {
        programme: 'Fundusze Europejskie dla Dolnego Śląska',
        callIdentifier: 'FEDS.07.03-IP.01-001/27',
        title: 'Kształcenie zawodowe – wsparcie szkół',
        url: 'https://funduszeue.dolnyslask.pl/',
        deadline: '2027-03-19T14:00:00.000Z',
        daysLeft: 21,
        notRelevantUrl: 'http://localhost:3000/unsubscribe/sample-token?category=grants',
      },
    ],
  },
});
