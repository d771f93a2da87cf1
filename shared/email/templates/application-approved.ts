import { button, details, greetingFor, list, paragraph, type Block } from '../blocks.js';
import { defineTemplate } from '../template.js';

/** The primary contact's link for adding colleagues (project coordinator, office…); welcome emails queued before it existed go without. */
function colleagues(url: string | undefined, lang: 'pl' | 'en'): Block[] {
  if (!url) return [paragraph(lang === 'pl' ? 'Chcesz dodać kolejne osoby kontaktowe? Odpowiedz na tę wiadomość.' : 'Want to add more contact persons? Reply to this message.')];
  return lang === 'pl'
    ? [
        paragraph('Zaproszenia i przypomnienia o naborach mogą trafiać także do Twoich współpracowników (np. koordynatora projektów, sekretariatu). Dodaj ich tutaj – każda osoba potwierdzi swój adres e-mail:'),
        button('Dodaj współpracowników', url),
        paragraph('Link działa przez 30 dni; później znajdziesz go w ustawieniach powiadomień (link w stopce naszych wiadomości).'),
      ]
    : [
        paragraph('Invitations and funding reminders can also reach your colleagues (e.g. your project coordinator or office). Add them here; each of them confirms their own email address:'),
        button('Add colleagues', url),
        paragraph('The link works for 30 days; after that you find it in the notification settings (linked at the foot of our messages).'),
      ];
}

export const applicationApproved = defineTemplate('application-approved', {
  render: (data, lang) =>
    lang === 'pl'
      ? {
          subject: `Witamy w Klastrze Edukacyjnym GLOKAL – ${data.organisationName}`,
          greeting: greetingFor(data.contactName, lang),
          blocks: [
            paragraph(`Z radością informujemy, że ${data.organisationName} została przyjęta do Klastra Edukacyjnego GLOKAL.`),
            paragraph('Pierwsze kroki:'),
            list([
              'Zapisz nasz adres, aby zaproszenia na wydarzenia i przypomnienia o naborach nie trafiały do spamu.',
              'Będziesz otrzymywać zaproszenia na konferencje, seminaria, szkolenia i warsztaty Klastra.',
              'Przed terminami naborów (Erasmus+, Interreg, FEnIKS, FEDS) wyślemy przypomnienia dopasowane do Waszych specjalizacji.',
              'Chcesz zgłosić pomysł na wspólny projekt? Odpowiedz na tę wiadomość.',
            ]),
            ...colleagues(data.addColleaguesUrl, 'pl'),
            details([['Numer członkowski', data.memberId]]),
          ],
        }
      : {
          subject: `Welcome to the GLOKAL Education Cluster – ${data.organisationName}`,
          greeting: greetingFor(data.contactName, lang),
          blocks: [
            paragraph(`We are glad to tell you that ${data.organisationName} has been accepted as a member of the GLOKAL Education Cluster.`),
            paragraph('First steps:'),
            list([
              'Save our address so that event invitations and funding reminders do not end up in spam.',
              'You will receive invitations to the Cluster’s conferences, seminars, trainings and workshops.',
              'Before funding calls close (Erasmus+, Interreg, FEnIKS, FEDS) we will send reminders matched to your specialisations.',
              'Want to propose a joint project? Reply to this message.',
            ]),
            ...colleagues(data.addColleaguesUrl, 'en'),
            details([['Member number', data.memberId]]),
          ],
        },
  sample: {
    contactName: 'Anna Kowalska',
    organisationName: 'Zespół Szkół Zawodowych nr 2 we Wrocławiu',
    memberId: 'b7e0c1a2-0000-4000-8000-000000000002',
    addColleaguesUrl: 'http://localhost:3000/colleagues/sample-token',
  },
});
