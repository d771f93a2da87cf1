import type { Language } from '../email/language.js';
import { escapeHtml } from '../email/escape.js';
import { page } from './page.js';

const copy = {
  pl: {
    confirm: ['Potwierdź adres e-mail', 'Wniosek organizacji {name} czeka na potwierdzenie adresu e-mail. Naciśnij przycisk, a trafi do biura Klastra.'],
    verified: ['Adres e-mail potwierdzony', 'Dziękujemy! Wniosek organizacji {name} trafił do biura Klastra. Odpowiemy e-mailem, zwykle w ciągu kilku dni roboczych.'],
    already: ['Adres już potwierdzony', 'Ten wniosek został już potwierdzony i czeka na decyzję biura Klastra. Nie musisz nic więcej robić.'],
    decided: ['Wniosek rozpatrzony', 'Biuro Klastra podjęło już decyzję w sprawie tego wniosku i wysłało ją e-mailem. Ten link nie jest już potrzebny.'],
    expired: ['Link wygasł', 'Link potwierdzający jest ważny 7 dni i ten już wygasł, a niepotwierdzony wniosek został usunięty. Złóż wniosek ponownie:'],
    unknown: ['Nieznany link', 'Nie rozpoznajemy tego linku. Skopiuj go w całości z wiadomości e-mail albo złóż wniosek ponownie:'],
    apply: 'Formularz wniosku',
    button: 'Potwierdzam adres e-mail',
  },
  en: {
    confirm: ['Confirm your email', 'The application of {name} awaits confirmation of its email address. Press the button to send it to the Cluster office.'],
    verified: ['Email confirmed', 'Thank you! The application of {name} has reached the Cluster office. We will answer by email, usually within a few working days.'],
    already: ['Email already confirmed', 'This application is already confirmed and awaits the Cluster office’s decision. There is nothing more to do.'],
    decided: ['Application decided', 'The Cluster office has already decided on this application and sent the decision by email. This link is no longer needed.'],
    expired: ['Link expired', 'The confirmation link is valid for 7 days and this one has expired; the unconfirmed application was deleted. Please apply again:'],
    unknown: ['Unknown link', 'We do not recognise this link. Copy it whole from the email, or apply again:'],
    apply: 'Application form',
    button: 'Confirm my email address',
  },
} as const;

export type VerificationPage = 'confirm' | 'verified' | 'already' | 'decided' | 'expired' | 'unknown';

/** Every page behind the verification link; `confirm` carries the button whose POST confirms. */
export function verificationPage(kind: VerificationPage, lang: Language, options: { organisationName?: string; token?: string } = {}): string {
  const text = copy[lang];
  const [title, message] = text[kind];
  const applyLink = kind === 'expired' || kind === 'unknown' ? ` <a href="/apply?lang=${lang}">${text.apply}</a>` : '';
  const form =
    kind === 'confirm' && options.token
      ? `<form method="post" action="/applications/verify"><input type="hidden" name="token" value="${escapeHtml(options.token)}"><button type="submit">${text.button}</button></form>`
      : '';
  return page({
    lang,
    title,
    body: `<h1>${title}</h1><p role="status">${escapeHtml(message.replace('{name}', options.organisationName ?? ''))}${applyLink}</p>${form}`,
  });
}
