import { button, details, greetingFor, paragraph } from '../blocks.js';
import { formatDateTime } from '../language.js';
import { defineTemplate } from '../template.js';

/** To a new contact, or to a contact's new address: the link whose page confirms it (until then, no invitations or reminders). */
export const contactConfirmation = defineTemplate('contact-confirmation', {
  render: (data, lang) =>
    lang === 'pl'
      ? {
          subject: `Potwierdź adres e-mail – ${data.organisationName} w Klastrze GLOKAL`,
          greeting: greetingFor(data.contactName, lang),
          blocks: [
            paragraph(
              data.reason === 'email-changed'
                ? `Ten adres został podany jako nowy adres osoby kontaktowej organizacji ${data.organisationName}, członka Klastra Edukacyjnego GLOKAL.`
                : data.addedByName
                  ? `${data.addedByName} dodał(a) Cię jako osobę kontaktową organizacji ${data.organisationName}, członka Klastra Edukacyjnego GLOKAL.`
                  : `Biuro Klastra Edukacyjnego GLOKAL dodało Cię jako osobę kontaktową organizacji ${data.organisationName}.`,
            ),
            paragraph('Potwierdź adres, a zaczniesz otrzymywać zaproszenia na wydarzenia Klastra i przypomnienia o naborach:'),
            button('Potwierdzam adres e-mail', data.confirmUrl),
            details([['Link ważny do', formatDateTime(data.expiresAt, lang)]]),
            paragraph(
              data.reason === 'email-changed'
                ? 'Jeśli to pomyłka, zignoruj tę wiadomość: bez potwierdzenia nie wyślemy na ten adres zaproszeń ani przypomnień.'
                : 'Jeśli to pomyłka, zignoruj tę wiadomość: bez potwierdzenia Twoje dane zostaną usunięte.',
            ),
          ],
        }
      : {
          subject: `Confirm your email – ${data.organisationName} in the GLOKAL Cluster`,
          greeting: greetingFor(data.contactName, lang),
          blocks: [
            paragraph(
              data.reason === 'email-changed'
                ? `This address was given as the new address of a contact person of ${data.organisationName}, a member of the GLOKAL Education Cluster.`
                : data.addedByName
                  ? `${data.addedByName} added you as a contact person of ${data.organisationName}, a member of the GLOKAL Education Cluster.`
                  : `The GLOKAL Education Cluster office added you as a contact person of ${data.organisationName}.`,
            ),
            paragraph('Confirm the address to start receiving invitations to the Cluster’s events and reminders of funding calls:'),
            button('Confirm my email address', data.confirmUrl),
            details([['Link valid until', formatDateTime(data.expiresAt, lang)]]),
            paragraph(
              data.reason === 'email-changed'
                ? 'If this is a mistake, ignore this message: without a confirmation we send no invitations or reminders to this address.'
                : 'If this is a mistake, ignore this message: without a confirmation your details are deleted.',
            ),
          ],
        },
  sample: {
    contactName: 'Tomasz Nowak',
    organisationName: 'Zespół Szkół Zawodowych nr 2 we Wrocławiu',
    confirmUrl: 'http://localhost:3000/contacts/confirm/sample-token',
    expiresAt: '2026-12-05T10:00:00.000Z',
    reason: 'added',
    addedByName: 'Anna Kowalska',
  },
});
