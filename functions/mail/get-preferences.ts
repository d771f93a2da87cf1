import { preferencesDependencies } from '../../shared/composition/mail.js';
import { getPreferences } from '../../shared/contracts/mail.js';
import { preferencesFor } from '../../shared/domain/mail/preferences.js';
import { httpHandler } from '../../shared/http/handler.js';
import { html } from '../../shared/http/responses.js';
import { preferencesPage } from '../../shared/pages/preferences-page.js';
import { unknownLinkAsPage } from '../../shared/pages/unknown-link-error.js';

export const handler = httpHandler(
  getPreferences,
  async ({ params, query }) => {
    const preferences = await preferencesFor(params.token, preferencesDependencies);
    return html(200, preferencesPage(preferences, query.lang ?? preferences.lang, params.token, await preferencesDependencies.colleaguesPageToken(params.token)));
  },
  { renderError: unknownLinkAsPage },
);
