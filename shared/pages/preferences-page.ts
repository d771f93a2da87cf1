import { escapeHtml } from '../email/escape.js';
import type { Language } from '../email/language.js';
import { subscriptionCategories } from '../email/template.js';
import type { Preferences } from '../domain/mail/preferences.js';
import { page } from './page.js';

const copy = {
  pl: {
    title: 'Ustawienia powiadomień',
    intro: (email: string) => `Wiadomości dla adresu ${email}. Zaznacz, co chcesz otrzymywać:`,
    events: 'Zaproszenia na wydarzenia i przypomnienia o nich',
    grants: 'Przypomnienia o terminach naborów (fundusze UE)',
    transactional: 'Wiadomości związane z Twoimi sprawami (potwierdzenia, decyzje, odpowiedzi na zaproszenia) wysyłamy zawsze.',
    save: 'Zapisz',
    saved: 'Zapisano ustawienia.',
    unsubscribed: 'Wypisano. Nie będziesz już otrzymywać tego rodzaju wiadomości.',
    colleagues: 'Jesteś osobą kontaktową główną organizacji członkowskiej? Dodaj współpracowników, którzy mają otrzymywać zaproszenia i przypomnienia',
  },
  en: {
    title: 'Notification settings',
    intro: (email: string) => `Messages for ${email}. Choose what you want to receive:`,
    events: 'Event invitations and event reminders',
    grants: 'Funding call deadline reminders (EU funds)',
    transactional: 'Messages about your own matters (confirmations, decisions, answers to invitations) are always sent.',
    save: 'Save',
    saved: 'Your settings are saved.',
    unsubscribed: 'You are unsubscribed. You will no longer receive this kind of message.',
    colleagues: 'Are you the primary contact of a member organisation? Add colleagues who should receive invitations and reminders',
  },
} as const;

/** `colleaguesToken`: the colleagues form's own token (shared/platform/link-tokens.ts), never the preferences token itself. */
export function preferencesPage(preferences: Preferences, lang: Language, token: string, colleaguesToken: string, notice?: 'saved' | 'unsubscribed'): string {
  const text = copy[lang];
  const switches = subscriptionCategories
    .map(
      (category) =>
        `<label class="check"><input type="checkbox" name="${category}" ${preferences.unsubscribed.includes(category) ? '' : 'checked'}><span>${escapeHtml(text[category])}</span></label>`,
    )
    .join('');
  return page({
    lang,
    title: text.title,
    languageSwitch: `?lang=${lang === 'pl' ? 'en' : 'pl'}`,
    body: `<h1>${text.title}</h1>
${notice ? `<p class="notice" role="status">${text[notice]}</p>` : ''}
<form method="post" action="/unsubscribe/${encodeURIComponent(token)}?lang=${lang}">
<input type="hidden" name="form" value="preferences">
<fieldset><legend>${escapeHtml(text.intro(preferences.email))}</legend>${switches}</fieldset>
<p class="hint">${text.transactional}</p>
<button type="submit">${text.save}</button>
</form>
<p><a href="/colleagues/${encodeURIComponent(colleaguesToken)}?lang=${lang}">${text.colleagues}</a></p>`,
  });
}
