import { privacyContact } from '../../shared/composition/privacy.js';
import { applyPage } from '../../shared/contracts/applications.js';
import { httpHandler } from '../../shared/http/handler.js';
import { html } from '../../shared/http/responses.js';
import { applicationFormPage, applicationThanksPage } from '../../shared/pages/application-form.js';
import { randomIds } from '../../shared/platform/ids.js';

export const handler = httpHandler(applyPage, async ({ query }) => {
  const lang = query.lang ?? 'pl';
  if (query.submitted) return html(200, applicationThanksPage(lang));
  // Each rendered form carries its own idempotency key, so a double click or a refresh cannot apply twice.
  return html(200, applicationFormPage({ lang, idempotencyKey: randomIds.newToken(), privacyContact }));
});
