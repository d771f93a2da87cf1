import { button, details, greetingFor, paragraph, section } from '../blocks.js';
import { formatDateTime } from '../language.js';
import { defineTemplate } from '../template.js';

/** "3 dni", "1 dzień", "22 dni"; "3 days", "1 day". */
const daysPhrase = (days: number, pl: boolean) => (pl ? `${days} ${days === 1 ? 'dzień' : 'dni'}` : `${days} ${days === 1 ? 'day' : 'days'}`);

export const grantReminderDigest = defineTemplate('grant-reminder-digest', {
  render: (data, lang) => {
    const pl = lang === 'pl';
    const first = data.calls[0];
    return {
      subject: pl
        ? `Terminy naborów: ${data.calls.length === 1 && first ? `${first.programme} – ${daysPhrase(first.daysLeft, pl)}` : `${data.calls.length} nabory`}`
        : `Funding deadlines: ${data.calls.length === 1 && first ? `${first.programme} – ${daysPhrase(first.daysLeft, pl)}` : `${data.calls.length} calls`}`,
      greeting: greetingFor(data.contactName, lang),
      blocks: [
        paragraph(pl ? 'Zbliżają się terminy naborów pasujących do profilu Twojej organizacji (najbliższy termin pierwszy):' : 'Deadlines of funding calls that match your organisation’s profile are approaching (nearest first):'),
        ...data.calls.map((call) =>
          section(`${call.late ? (pl ? '[Spóźnione przypomnienie] ' : '[Late reminder] ') : ''}${call.programme}: ${call.title}`, [
            details([
              [pl ? 'Nabór' : 'Call', call.callIdentifier],
              [pl ? 'Termin (czas warszawski)' : 'Deadline (Warsaw time)', formatDateTime(call.deadline, lang)],
              [pl ? 'Pozostało' : 'Time left', daysPhrase(call.daysLeft, pl)],
            ]),
            ...(call.late
              ? [paragraph(pl ? 'To przypomnienie wysyłamy z opóźnieniem: w dniu, w którym powinno wyjść, wysyłka się nie odbyła.' : 'This reminder is late: the day it was due, the mailing did not run.')]
              : []),
            button(pl ? 'Ogłoszenie o naborze' : 'Call announcement', call.url),
            paragraph(pl ? `Ten nabór nas nie dotyczy (nie przypominaj o nim): ${call.notRelevantUrl}` : `Not relevant for us (no more reminders of it): ${call.notRelevantUrl}`),
          ]),
        ),
        ...(data.calendarUrl
          ? [paragraph(pl ? `Kalendarz terminów naborów (subskrybuj go raz w Outlooku lub Kalendarzu Google): ${data.calendarUrl}` : `Calendar of funding deadlines (subscribe once in Outlook or Google Calendar): ${data.calendarUrl}`)]
          : []),
        ...(data.stopUrl ? [paragraph(pl ? `Nie chcę więcej przypomnień o naborach: ${data.stopUrl}` : `Stop grant reminders: ${data.stopUrl}`)] : []),
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
        notRelevantUrl: 'http://localhost:3000/grant-reminders/sample-not-relevant-token',
      },
      {
        programme: 'Fundusze Europejskie dla Dolnego Śląska',
        callIdentifier: 'FEDS.07.03-IP.01-001/27',
        title: 'Kształcenie zawodowe – wsparcie szkół',
        url: 'https://funduszeue.dolnyslask.pl/',
        deadline: '2027-03-19T14:00:00.000Z',
        daysLeft: 21,
        late: true,
        notRelevantUrl: 'http://localhost:3000/grant-reminders/sample-not-relevant-token-2',
      },
    ],
    stopUrl: 'http://localhost:3000/grant-reminders/sample-stop-token',
    calendarUrl: 'http://localhost:3000/calendar/sample-calendar-token',
  },
});
