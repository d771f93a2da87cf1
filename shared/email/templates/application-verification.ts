import { button, details, greetingFor, paragraph } from '../blocks.js';
import { formatDateTime } from '../language.js';
import { defineTemplate } from '../template.js';

export const applicationVerification = defineTemplate('application-verification', {
  render: (data, lang) =>
    lang === 'pl'
      ? {
          subject: 'Potwierdź adres e-mail – wniosek o członkostwo w Klastrze GLOKAL',
          greeting: greetingFor(data.contactName, lang),
          blocks: [
            paragraph(`Dziękujemy za złożenie wniosku o członkostwo w Klastrze Edukacyjnym GLOKAL w imieniu organizacji ${data.organisationName}.`),
            paragraph('Aby przekazać wniosek do rozpatrzenia, potwierdź swój adres e-mail:'),
            button('Potwierdzam adres e-mail', data.verifyUrl),
            details([['Link ważny do', formatDateTime(data.expiresAt, lang)]]),
            paragraph('Jeśli to nie Ty składałeś(-aś) wniosek, zignoruj tę wiadomość – niepotwierdzony wniosek zostanie usunięty.'),
          ],
        }
      : {
          subject: 'Confirm your email – GLOKAL Cluster membership application',
          greeting: greetingFor(data.contactName, lang),
          blocks: [
            paragraph(`Thank you for applying for membership of the GLOKAL Education Cluster on behalf of ${data.organisationName}.`),
            paragraph('To send your application for review, please confirm your email address:'),
            button('Confirm my email address', data.verifyUrl),
            details([['Link valid until', formatDateTime(data.expiresAt, lang)]]),
            paragraph('If you did not apply, ignore this message: an unconfirmed application is deleted.'),
          ],
        },
  sample: {
    contactName: 'Anna Kowalska',
    organisationName: 'Zespół Szkół Zawodowych nr 2 we Wrocławiu',
    verifyUrl: 'http://localhost:3000/applications/verify?token=sample-token',
    expiresAt: '2026-12-05T10:00:00.000Z',
  },
});
