import { recipientRepository } from '../../shared/adapters/dynamo/recipient-repository.js';
import { getPreferences } from '../../shared/contracts/mail.js';
import { preferencesFor } from '../../shared/domain/mail/preferences.js';
import { NotFoundError } from '../../shared/errors.js';
import { httpHandler } from '../../shared/http/handler.js';
import { html } from '../../shared/http/responses.js';
import { unknownLinkPage } from '../../shared/pages/page.js';
import { preferencesPage } from '../../shared/pages/preferences-page.js';
import { systemClock } from '../../shared/platform/clock.js';

export const handler = httpHandler(getPreferences, async ({ params, query }) => {
  try {
    const preferences = await preferencesFor(params.token, { store: recipientRepository, now: () => systemClock.now() });
    return html(200, preferencesPage(preferences, query.lang ?? preferences.lang, params.token));
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    return html(404, unknownLinkPage(query.lang ?? 'pl'));
  }
});
