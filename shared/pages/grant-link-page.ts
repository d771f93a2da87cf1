import type { GrantLinkState } from '../domain/grants/opt-out-links.js';
import { escapeHtml } from '../email/escape.js';
import type { Language } from '../email/language.js';
import { page } from './page.js';

const copy = {
  pl: {
    notRelevant: {
      title: 'Ten nabór nas nie dotyczy',
      ask: 'Naciśnij przycisk, a nie będziemy już przypominać o tym naborze na ten adres:',
      button: 'Nie przypominaj o tym naborze',
      done: 'Zapisane. Nie będziemy już przypominać o tym naborze na ten adres.',
      deleted: 'nabór usunięty z listy',
    },
    stop: {
      title: 'Przypomnienia o naborach',
      ask: 'Naciśnij przycisk, a nie będziemy już wysyłać na ten adres przypomnień o terminach naborów. Zaproszenia na wydarzenia nie zmieniają się.',
      button: 'Wyłącz przypomnienia o naborach',
      done: 'Wyłączone. Nie będziemy już wysyłać na ten adres przypomnień o terminach naborów.',
    },
  },
  en: {
    notRelevant: {
      title: 'This call is not relevant for us',
      ask: 'Press the button and we will send no more reminders of this call to this address:',
      button: 'No more reminders of this call',
      done: 'Saved. We will send no more reminders of this call to this address.',
      deleted: 'call removed from the list',
    },
    stop: {
      title: 'Funding call reminders',
      ask: 'Press the button and we will send no more funding deadline reminders to this address. Event invitations do not change.',
      button: 'Stop grant reminders',
      done: 'Done. We will send no more funding deadline reminders to this address.',
    },
  },
} as const;

/** The page behind a digest's link: what its button does, or that it is done. */
export function grantLinkPage(state: GrantLinkState, token: string, lang: Language): string {
  const text = state.purpose === 'stop' ? copy[lang].stop : copy[lang].notRelevant;
  const call =
    state.purpose === 'not-relevant'
      ? `<p><strong>${escapeHtml(state.call ? `${state.call.programme}: ${state.call.title[lang]} (${state.call.callIdentifier})` : copy[lang].notRelevant.deleted)}</strong></p>`
      : '';
  const body = state.done
    ? `<h1>${text.title}</h1>${call}<p class="notice" role="status">${text.done}</p>`
    : `<h1>${text.title}</h1><p>${text.ask}</p>${call}<form method="post" action="/grant-reminders/${encodeURIComponent(token)}?lang=${lang}"><button type="submit">${text.button}</button></form>`;
  return page({ lang, title: text.title, body, languageSwitch: `?lang=${lang === 'pl' ? 'en' : 'pl'}` });
}
