import { escapeHtml } from '../email/escape.js';
import type { Language } from '../email/language.js';
import { page } from './page.js';

/** When the statement was written and last reviewed; change it with the text. */
const preparedOn = '2026-11-29';

const copy = {
  pl: {
    title: 'Deklaracja dostępności',
    intro: 'Klaster Edukacyjny GLOKAL chce, aby jego formularze, strony i wiadomości e-mail były dostępne dla wszystkich, także dla osób korzystających z czytników ekranu i samej klawiatury. Deklaracja dotyczy stron pod tym adresem: formularza wniosku o członkostwo, stron potwierdzania adresu e-mail, odpowiedzi na zaproszenia, ustawień powiadomień, dodawania współpracowników oraz wiadomości e-mail, które wysyłamy.',
    statusTitle: 'Stan dostępności',
    status: 'Strony i wiadomości są zgodne z wymaganiami WCAG 2.1 na poziomie AA w zakresie opisanym niżej, z wyjątkami wymienionymi w części „Znane ograniczenia”.',
    checkedTitle: 'Co i jak sprawdzamy',
    checked: [
      'Każda strona, w każdym swoim stanie (np. formularz pusty, z błędami, po wysłaniu; link ważny, wykorzystany, wygasły, nieznany) i w obu językach, jest przy każdej zmianie sprawdzana automatycznie narzędziem axe-core w przeglądarce Chromium (reguły WCAG 2.0 i 2.1, poziomy A i AA).',
      'Automatyczny test przechodzi formularz wniosku, odpowiedź na zaproszenie i ustawienia powiadomień wyłącznie klawiaturą (Tab, Shift+Tab, Spacja, Enter) i sprawdza, że zaznaczenie elementu z fokusem jest zawsze widoczne, a po błędzie fokus trafia na podsumowanie błędów.',
      'Sprawdzamy też: język strony, jeden nagłówek główny, obszary nagłówka i treści, podpowiedzi autouzupełniania w polach z danymi osobowymi, ogłaszanie błędów czytnikom ekranu, kontrast tekstu co najmniej 4,5:1, powiększenie do 200% bez utraty treści i brak treści widocznych tylko po najechaniu myszą.',
      'Każda wiadomość e-mail ma określony język i tytuł, przyciski są linkami z opisem, informacje nie są przekazywane samym kolorem, a wersja tekstowa zawiera wszystko, co wersja HTML.',
    ],
    limitsTitle: 'Znane ograniczenia',
    limits: [
      'Testy automatyczne nie wykrywają wszystkich barier; stron nie badali jeszcze użytkownicy czytników ekranu.',
      'Strona nieznanego linku potwierdzającego wyświetla się po polsku: z nieznanego linku nie da się odczytać języka odbiorcy.',
      'Załączniki kalendarza (.ics) w zaproszeniach wyświetla program pocztowy lub kalendarz odbiorcy; ich dostępność od nas nie zależy.',
    ],
    contactTitle: 'Informacje zwrotne i kontakt',
    contact: 'Jeśli coś na tych stronach lub w naszych wiadomościach jest dla Ciebie niedostępne, napisz do biura Klastra:',
    contactNote: 'Podaj, której strony lub wiadomości dotyczy problem i w jakiej postaci chcesz otrzymać informację. Odpowiemy w ciągu 7 dni.',
    prepared: 'Deklarację sporządzono',
  },
  en: {
    title: 'Accessibility statement',
    intro: 'The GLOKAL Education Cluster wants its forms, pages and emails to be accessible to everyone, including people who use screen readers or only a keyboard. This statement covers the pages at this address: the membership application form, the email confirmation pages, answers to invitations, notification settings, adding colleagues, and the emails we send.',
    statusTitle: 'Compliance status',
    status: 'The pages and emails meet WCAG 2.1 level AA as far as described below, with the exceptions listed under “Known limits”.',
    checkedTitle: 'What we check and how',
    checked: [
      'Every page, in each of its states (e.g. the form empty, with errors, after sending; a link valid, used, expired or unknown) and in both languages, is checked automatically with axe-core in the Chromium browser on every change (WCAG 2.0 and 2.1 rules, levels A and AA).',
      'An automated test goes through the application form, the answer to an invitation and the notification settings with the keyboard alone (Tab, Shift+Tab, Space, Enter), checking that the focused element is always visibly marked and that after an error the focus lands on the error summary.',
      'We also check: the page language, one main heading, header and main landmarks, autocomplete hints on personal data fields, errors announced to screen readers, text contrast of at least 4.5:1, zoom to 200% without loss of content, and no content that appears only on mouse hover.',
      'Every email states its language and has a title, its buttons are links with a description, no information is carried by colour alone, and its text version says everything the HTML version says.',
    ],
    limitsTitle: 'Known limits',
    limits: [
      'Automated tests do not find every barrier; the pages have not yet been tested by screen reader users.',
      'The page for an unknown confirmation link is shown in Polish: an unknown link does not tell us the recipient’s language.',
      'Calendar attachments (.ics) in invitations are shown by the recipient’s email or calendar program; their accessibility is outside our control.',
    ],
    contactTitle: 'Feedback and contact',
    contact: 'If anything on these pages or in our emails is not accessible to you, write to the Cluster office:',
    contactNote: 'Tell us which page or message it is about and in what form you would like the information. We answer within 7 days.',
    prepared: 'Statement prepared on',
  },
} satisfies Record<Language, unknown>;

const list = (items: readonly string[]) => `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;

/** The accessibility statement (what was checked and how, known limits, whom to write to), linked from every page's footer. */
export function accessibilityStatementPage(lang: Language, officeAddress: string): string {
  const text = copy[lang];
  const address = escapeHtml(officeAddress);
  const body = `<h1>${text.title}</h1>
<p>${escapeHtml(text.intro)}</p>
<h2>${text.statusTitle}</h2><p>${escapeHtml(text.status)}</p>
<h2>${text.checkedTitle}</h2>${list(text.checked)}
<h2>${text.limitsTitle}</h2>${list(text.limits)}
<h2>${text.contactTitle}</h2><p>${escapeHtml(text.contact)} <a href="mailto:${address}">${address}</a></p><p>${escapeHtml(text.contactNote)}</p>
<p>${text.prepared} <time datetime="${preparedOn}">${preparedOn}</time>.</p>`;
  return page({ lang, title: text.title, body, languageSwitch: `/accessibility?lang=${lang === 'pl' ? 'en' : 'pl'}` });
}
