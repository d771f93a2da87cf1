import { details, greetingFor, list, paragraph } from '../blocks.js';
import { defineTemplate } from '../template.js';

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
              'Chcesz dodać kolejne osoby kontaktowe lub zgłosić pomysł na wspólny projekt? Odpowiedz na tę wiadomość.',
            ]),
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
              'Want to add more contact persons or propose a joint project? Reply to this message.',
            ]),
            details([['Member number', data.memberId]]),
          ],
        },
  sample: { contactName: 'Anna Kowalska', organisationName: 'Zespół Szkół Zawodowych nr 2 we Wrocławiu', memberId: 'b7e0c1a2-0000-4000-8000-000000000002' },
});
