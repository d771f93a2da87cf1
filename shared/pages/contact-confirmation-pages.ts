import type { ConfirmationOutcome, ConfirmationState } from '../domain/members/confirm-contact.js';
import { escapeHtml } from '../email/escape.js';
import type { Language } from '../email/language.js';
import { html, type HttpResult } from '../http/responses.js';
import { page } from './page.js';

const copy = {
  pl: {
    pending: ['Potwierdź adres e-mail', 'Naciśnij przycisk, aby potwierdzić ten adres jako adres osoby kontaktowej organizacji {name} ({contact}). Od tej chwili będzie otrzymywać zaproszenia na wydarzenia Klastra i przypomnienia o naborach.'],
    confirmed: ['Adres potwierdzony', 'Dziękujemy! Ten adres jest potwierdzony jako adres osoby kontaktowej organizacji {name}.'],
    already: ['Adres już potwierdzony', 'Ten adres został już potwierdzony. Nie musisz nic więcej robić.'],
    expired: ['Link wygasł', 'Link potwierdzający jest ważny 7 dni i ten już wygasł. Poproś osobę, która Cię dodała, albo biuro Klastra o nowy link.'],
    superseded: ['Link nieaktualny', 'Ten link dotyczy adresu, który nie jest już adresem osoby kontaktowej (adres zmieniono albo osobę usunięto). Nic nie zostało zmienione.'],
    unknown: ['Nieznany link', 'Nie rozpoznajemy tego linku. Skopiuj go w całości z wiadomości e-mail.'],
    button: 'Potwierdzam adres e-mail',
  },
  en: {
    pending: ['Confirm your email', 'Press the button to confirm this address as that of a contact person of {name} ({contact}). From then on it receives invitations to the Cluster’s events and reminders of funding calls.'],
    confirmed: ['Email confirmed', 'Thank you! This address is confirmed as that of a contact person of {name}.'],
    already: ['Email already confirmed', 'This address is confirmed already. There is nothing more to do.'],
    expired: ['Link expired', 'The confirmation link is valid for 7 days and this one has expired. Ask the person who added you, or the Cluster office, for a new one.'],
    superseded: ['Link no longer valid', 'This link is for an address that is no longer a contact’s (the address was changed or the contact removed). Nothing was changed.'],
    unknown: ['Unknown link', 'We do not recognise this link. Copy it whole from the email.'],
    button: 'Confirm my email address',
  },
} as const;

function confirmationPage(kind: 'pending' | 'confirmed' | 'already' | 'expired' | 'superseded' | 'unknown', lang: Language, options: { organisationName?: string; contactName?: string; token?: string } = {}): string {
  const text = copy[lang];
  const [title, message] = text[kind];
  const form =
    kind === 'pending' && options.token
      ? `<form method="post" action="/contacts/confirm/${encodeURIComponent(options.token)}"><button type="submit">${text.button}</button></form>`
      : '';
  const filled = message.replace('{name}', options.organisationName ?? '').replace('{contact}', options.contactName ?? '');
  return page({ lang, title, body: `<h1>${title}</h1><p role="status">${escapeHtml(filled)}</p>${form}` });
}

/** The page (and status) for each state of a confirmation link and each outcome of its button. */
export function confirmationAnswer(result: ConfirmationState | ConfirmationOutcome, token?: string): HttpResult {
  switch (result.outcome) {
    case 'pending':
      return html(200, confirmationPage('pending', result.lang, { organisationName: result.organisationName, contactName: result.contactName, token }));
    case 'confirmed':
      return html(200, confirmationPage('confirmed', result.lang, { organisationName: result.organisationName }));
    case 'already-confirmed':
      return html(200, confirmationPage('already', result.lang));
    case 'expired':
      return html(410, confirmationPage('expired', result.lang));
    case 'superseded':
      return html(410, confirmationPage('superseded', result.lang));
    case 'unknown':
      return html(404, confirmationPage('unknown', 'pl'));
  }
}
