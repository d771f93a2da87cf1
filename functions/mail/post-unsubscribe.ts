import { preferencesDependencies } from '../../shared/composition/mail.js';
import { postUnsubscribe } from '../../shared/contracts/mail.js';
import { savePreferences, unsubscribeOneClick } from '../../shared/domain/mail/preferences.js';
import { httpHandler } from '../../shared/http/handler.js';
import { html } from '../../shared/http/responses.js';
import { preferencesPage } from '../../shared/pages/preferences-page.js';
import { unknownLinkAsPage } from '../../shared/pages/unknown-link-error.js';

const deps = preferencesDependencies;

/** One endpoint, two callers: a mail client's RFC 8058 one-click POST, and a person saving the preferences form. */
export const handler = httpHandler(
  postUnsubscribe,
  async ({ params, query, body }) => {
    if (body.form === 'preferences') {
      const preferences = await savePreferences(params.token, { events: body.events === 'on', grants: body.grants === 'on' }, deps);
      return html(200, preferencesPage(preferences, query.lang ?? preferences.lang, params.token, await deps.colleaguesPageToken(params.token), 'saved'));
    }
    const preferences = await unsubscribeOneClick(params.token, query.category, deps);
    return html(200, preferencesPage(preferences, query.lang ?? preferences.lang, params.token, await deps.colleaguesPageToken(params.token), 'unsubscribed'));
  },
  { renderError: unknownLinkAsPage },
);
