import { details, greetingFor, paragraph } from '../blocks.js';
import { formatDateTime } from '../language.js';
import { defineTemplate } from '../template.js';

/** To the old address of a contact whose address was changed: a notice (never the new address, which may be someone else's). */
export const contactAddressChanged = defineTemplate('contact-address-changed', {
  render: (data, lang) =>
    lang === 'pl'
      ? {
          subject: `Zmiana adresu e-mail osoby kontaktowej – ${data.organisationName}`,
          greeting: greetingFor(data.contactName, lang),
          blocks: [
            paragraph(`Adres e-mail osoby kontaktowej organizacji ${data.organisationName} w Klastrze Edukacyjnym GLOKAL został zmieniony. Na ten adres nie będziemy już wysyłać zaproszeń ani przypomnień.`),
            details([['Data zmiany', formatDateTime(data.changedAt, lang)]]),
            paragraph('Jeśli nikt z Twojej organizacji o to nie prosił, odpowiedz na tę wiadomość – biuro Klastra to sprawdzi.'),
          ],
        }
      : {
          subject: `Contact email address changed – ${data.organisationName}`,
          greeting: greetingFor(data.contactName, lang),
          blocks: [
            paragraph(`The email address of a contact person of ${data.organisationName} in the GLOKAL Education Cluster has been changed. We will no longer send invitations or reminders to this address.`),
            details([['Changed on', formatDateTime(data.changedAt, lang)]]),
            paragraph('If nobody in your organisation asked for this, reply to this message and the Cluster office will look into it.'),
          ],
        },
  sample: { contactName: 'Anna Kowalska', organisationName: 'Zespół Szkół Zawodowych nr 2 we Wrocławiu', changedAt: '2026-11-28T09:30:00.000Z' },
});
