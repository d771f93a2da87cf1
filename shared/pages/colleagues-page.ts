import type { ColleagueAccess, Membership } from '../domain/members/colleagues.js';
import type { FieldError } from '../domain/errors.js';
import { escapeHtml } from '../email/escape.js';
import type { Language } from '../email/language.js';
import { html, type HttpResult } from '../http/responses.js';
import { messagePage, page } from './page.js';

const copy = {
  pl: {
    title: 'Dodaj współpracowników',
    intro: (organisation: string) =>
      `Dodaj osoby z organizacji ${organisation}, które mają otrzymywać zaproszenia na wydarzenia Klastra i przypomnienia o naborach (np. koordynatora projektów, sekretariat). Każda z nich dostanie e-mail z linkiem, którym potwierdzi swój adres; do tego czasu nie wyślemy jej nic więcej.`,
    introMany: 'Dodaj osoby ze swojej organizacji, które mają otrzymywać zaproszenia na wydarzenia Klastra i przypomnienia o naborach. Każda z nich dostanie e-mail z linkiem, którym potwierdzi swój adres.',
    required: 'Wszystkie pola są wymagane.',
    errorSummary: 'Popraw zaznaczone pola',
    legend: 'Współpracownik',
    fields: { memberId: 'Organizacja', name: 'Imię i nazwisko', email: 'E-mail', role: 'Stanowisko', language: 'Język korespondencji' } as Record<string, string>,
    errors: {
      memberId: 'Wybierz organizację.',
      name: 'Podaj imię i nazwisko (co najmniej 2 znaki).',
      email: 'Podaj poprawny adres e-mail.',
      role: 'Podaj stanowisko (co najmniej 2 znaki).',
      language: 'Wybierz język.',
      DUPLICATE_CONTACT_EMAIL: 'Ta osoba jest już osobą kontaktową Twojej organizacji.',
      TOO_MANY_CONTACTS: 'Organizacja ma już maksymalną liczbę osób kontaktowych. Skontaktuj się z biurem Klastra.',
    } as Record<string, string>,
    choose: '– wybierz –',
    submit: 'Dodaj i wyślij link potwierdzający',
    added: (email: string) => `Dodano. Na adres ${email} wysłaliśmy link potwierdzający, ważny 7 dni. Możesz dodać kolejną osobę.`,
    expired: ['Link wygasł', 'Link z wiadomości powitalnej działa 30 dni. Współpracowników dodasz z linku w ustawieniach powiadomień (w stopce naszych wiadomości) albo przez biuro Klastra.'] as const,
    notAllowed: ['Brak uprawnień', 'Współpracowników może dodawać osoba kontaktowa główna organizacji członkowskiej. Ten adres nią nie jest – skontaktuj się z biurem Klastra.'] as const,
    unknown: ['Nieznany link', 'Nie rozpoznajemy tego linku. Skopiuj go w całości z wiadomości e-mail.'] as const,
  },
  en: {
    title: 'Add colleagues',
    intro: (organisation: string) =>
      `Add the people of ${organisation} who should receive invitations to the Cluster’s events and reminders of funding calls (e.g. your project coordinator or office). Each of them receives an email with a link that confirms their address; until then we send them nothing else.`,
    introMany: 'Add the people of your organisation who should receive invitations to the Cluster’s events and reminders of funding calls. Each of them receives an email with a link that confirms their address.',
    required: 'All fields are required.',
    errorSummary: 'Please correct the marked fields',
    legend: 'Colleague',
    fields: { memberId: 'Organisation', name: 'Full name', email: 'Email', role: 'Position', language: 'Language of correspondence' } as Record<string, string>,
    errors: {
      memberId: 'Choose the organisation.',
      name: 'Enter the full name (at least 2 characters).',
      email: 'Enter a valid email address.',
      role: 'Enter the position (at least 2 characters).',
      language: 'Choose a language.',
      DUPLICATE_CONTACT_EMAIL: 'This person is a contact of your organisation already.',
      TOO_MANY_CONTACTS: 'Your organisation has the most contacts it can have. Please contact the Cluster office.',
    } as Record<string, string>,
    choose: '– choose –',
    submit: 'Add and send the confirmation link',
    added: (email: string) => `Added. We have sent a confirmation link, valid for 7 days, to ${email}. You can add another person.`,
    expired: ['Link expired', 'The welcome email’s link works for 30 days. Add colleagues from the link in your notification settings (at the foot of our messages), or through the Cluster office.'] as const,
    notAllowed: ['Not allowed', 'Colleagues are added by a member organisation’s primary contact, and this address is not one. Please contact the Cluster office.'] as const,
    unknown: ['Unknown link', 'We do not recognise this link. Copy it whole from the email.'] as const,
  },
} satisfies Record<Language, unknown>;

export interface ColleagueFormState {
  lang: Language;
  token: string;
  memberships: Membership[];
  values?: Record<string, unknown>;
  errors?: FieldError[];
  /** The address just added. */
  added?: string;
}

const fieldId = (path: string) => `f-${path}`;
const errorId = (path: string) => `e-${path}`;
/** What a refused form shows again: strings only, never longer than the field takes. */
const echo = (values: Record<string, unknown> | undefined, path: string, max = 254) => (typeof values?.[path] === 'string' ? (values[path] as string).slice(0, max) : '');

/**
 * The colleague form: plain HTML posting form-urlencoded, no JavaScript
 * needed; errors tied to their fields (aria-invalid, aria-describedby) and
 * listed in a summary that links to each field.
 */
export function colleaguesFormPage(state: ColleagueFormState): string {
  const { lang, memberships } = state;
  const text = copy[lang];
  const errors = new Map((state.errors ?? []).map((error) => [error.path, error.message]));
  const values = state.added ? undefined : state.values;
  const action = `/colleagues/${encodeURIComponent(state.token)}?lang=${lang}`;
  const errorFor = (path: string) => (errors.has(path) ? `<p class="error" id="${errorId(path)}">${escapeHtml(errors.get(path)!)}</p>` : '');
  const invalid = (path: string) => (errors.has(path) ? ` aria-invalid="true" aria-describedby="${errorId(path)}"` : '');
  const input = (path: string, options: { type?: string; autocomplete?: string }) =>
    `<label for="${fieldId(path)}">${escapeHtml(text.fields[path]!)}</label>
${errorFor(path)}<input type="${options.type ?? 'text'}" id="${fieldId(path)}" name="${path}" value="${escapeHtml(echo(values, path))}" required${options.autocomplete ? ` autocomplete="${options.autocomplete}"` : ''}${invalid(path)}>`;
  const chosenLanguage = echo(values, 'language', 2) || lang;
  const chosenMember = echo(values, 'memberId', 64);
  const organisation =
    memberships.length > 1
      ? `<label for="${fieldId('memberId')}">${text.fields.memberId}</label>
${errorFor('memberId')}<select id="${fieldId('memberId')}" name="memberId" required${invalid('memberId')}><option value="">${text.choose}</option>${memberships
          .map((membership) => `<option value="${escapeHtml(membership.memberId)}"${membership.memberId === chosenMember ? ' selected' : ''}>${escapeHtml(membership.organisationName)}</option>`)
          .join('')}</select>`
      : '';
  const summary =
    errors.size > 0
      ? `<div class="summary" role="alert" tabindex="-1" id="error-summary" autofocus><h2>${text.errorSummary}</h2><ul>${[...errors]
          .map(([path, message]) => `<li><a href="#${fieldId(path)}">${escapeHtml(message)}</a></li>`)
          .join('')}</ul></div>`
      : '';
  const body = `<h1>${text.title}</h1>
<p>${escapeHtml(memberships.length === 1 ? text.intro(memberships[0]!.organisationName) : text.introMany)}</p>
${summary}
${state.added ? `<p class="notice" role="status">${escapeHtml(text.added(state.added))}</p>` : ''}
<p class="hint">${text.required}</p>
<form method="post" action="${escapeHtml(action)}" novalidate id="colleague-form">
<fieldset><legend>${text.legend}</legend>
${organisation}
${input('name', { autocomplete: 'off' })}
${input('email', { type: 'email', autocomplete: 'off' })}
${input('role', { autocomplete: 'off' })}
</fieldset>
<fieldset><legend>${text.fields.language}</legend>
<label class="check" for="f-language-pl"><input type="radio" id="f-language-pl" name="language" value="pl"${chosenLanguage === 'pl' ? ' checked' : ''}><span lang="pl">Polski</span></label>
<label class="check" for="f-language-en"><input type="radio" id="f-language-en" name="language" value="en"${chosenLanguage === 'en' ? ' checked' : ''}><span lang="en">English</span></label>
</fieldset>
<button type="submit">${text.submit}</button>
</form>`;
  return page({ lang, title: text.title, body, languageSwitch: `/colleagues/${encodeURIComponent(state.token)}?lang=${lang === 'pl' ? 'en' : 'pl'}` });
}

/** The errors of the colleague form, in the page's language, at their fields (a conflict about the address at the email field). */
export function localiseColleagueErrors(errors: FieldError[], lang: Language, code?: string): FieldError[] {
  const messages = copy[lang].errors;
  if (code && messages[code]) return [{ path: code === 'TOO_MANY_CONTACTS' ? 'name' : 'email', message: messages[code] }];
  return errors.map((error) => ({ path: error.path, message: messages[error.path] ?? error.message }));
}

/** The page for a link that does not let its holder add colleagues (unknown, expired, not a primary contact), with its status. */
export function colleagueRefusal(access: Exclude<ColleagueAccess, { outcome: 'allowed' }>, lang?: Language): HttpResult {
  const pageLang = lang ?? (access.outcome === 'unknown' ? 'pl' : access.lang);
  const text = copy[pageLang];
  const status = access.outcome === 'expired' ? 410 : access.outcome === 'not-allowed' ? 403 : 404;
  const [title, message] = access.outcome === 'expired' ? text.expired : access.outcome === 'not-allowed' ? text.notAllowed : text.unknown;
  return html(status, messagePage(pageLang, title, message));
}
