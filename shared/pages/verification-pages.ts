import type { Language } from '../email/language.js';
import { escapeHtml } from '../email/escape.js';
import { page } from './page.js';

const copy = {
  pl: {
    verified: ['Adres e-mail potwierdzony', 'Dziękujemy! Wniosek organizacji {name} trafił do biura Klastra. Odpowiemy e-mailem, zwykle w ciągu kilku dni roboczych.'],
    already: ['Adres już potwierdzony', 'Ten wniosek został już potwierdzony i czeka na decyzję biura Klastra. Nie musisz nic więcej robić.'],
    expired: ['Link wygasł', 'Link potwierdzający jest ważny 7 dni i ten już wygasł, a niepotwierdzony wniosek został usunięty. Złóż wniosek ponownie:'],
    unknown: ['Nieznany link', 'Nie rozpoznajemy tego linku. Skopiuj go w całości z wiadomości e-mail albo złóż wniosek ponownie:'],
    apply: 'Formularz wniosku',
  },
  en: {
    verified: ['Email confirmed', 'Thank you! The application of {name} has reached the Cluster office. We will answer by email, usually within a few working days.'],
    already: ['Email already confirmed', 'This application is already confirmed and awaits the Cluster office’s decision. There is nothing more to do.'],
    expired: ['Link expired', 'The confirmation link is valid for 7 days and this one has expired; the unconfirmed application was deleted. Please apply again:'],
    unknown: ['Unknown link', 'We do not recognise this link. Copy it whole from the email, or apply again:'],
    apply: 'Application form',
  },
} as const;

export type VerificationPage = 'verified' | 'already' | 'expired' | 'unknown';

export function verificationPage(kind: VerificationPage, lang: Language, organisationName = ''): string {
  const text = copy[lang];
  const [title, message] = text[kind];
  const applyLink = kind === 'expired' || kind === 'unknown' ? ` <a href="/apply?lang=${lang}">${text.apply}</a>` : '';
  return page({
    lang,
    title,
    body: `<h1>${title}</h1><p role="status">${escapeHtml(message.replace('{name}', organisationName))}${applyLink}</p>`,
  });
}
