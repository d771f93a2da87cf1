import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { applicationDependencies } from '../../shared/composition/applications.js';
import { privacyContact } from '../../shared/composition/privacy.js';
import { submitApplication } from '../../shared/contracts/applications.js';
import { submitApplication as submit } from '../../shared/domain/applications/submit-application.js';
import { describeError, retryAfterHeader } from '../../shared/http/error-response.js';
import { httpHandler } from '../../shared/http/handler.js';
import { bodyValues, isFormPost } from '../../shared/http/request-input.js';
import { html, json, redirect, type HttpResult } from '../../shared/http/responses.js';
import { applicationFormPage, localiseFieldErrors } from '../../shared/pages/application-form.js';
import { formCopy } from '../../shared/pages/application-form-copy.js';
import { unavailableCopy } from '../../shared/pages/unavailable-page.js';
import { randomIds } from '../../shared/platform/ids.js';

/** The page's own language, else the chosen correspondence language. */
const languageOf = (values: Record<string, unknown>) => ((values.formLanguage ?? values.language) === 'en' ? 'en' : 'pl');

const idempotencyKeyOf = (values: Record<string, unknown>) => (typeof values.idempotencyKey === 'string' ? values.idempotencyKey : '');

/** A browser's form post gets the form back with errors at their fields; programs get the JSON error. */
function formError(error: unknown, event: APIGatewayProxyEventV2): HttpResult | undefined {
  const known = describeError(error);
  if (!isFormPost(event) || !known) return undefined;
  const values = bodyValues(event);
  const lang = languageOf(values);
  if (known.code === 'IDEMPOTENCY_KEY_REUSED') {
    // Sent once already, then changed after Back: offer a fresh form with what they typed.
    return html(409, applicationFormPage({ lang, values, privacyContact, notice: formCopy[lang].alreadySent, idempotencyKey: randomIds.newToken() }));
  }
  if (known.code === 'SERVICE_UNAVAILABLE') {
    // What they typed stays, under the same key: sending it again cannot store the application twice.
    return html(503, applicationFormPage({ lang, values, privacyContact, notice: unavailableCopy[lang].message, idempotencyKey: idempotencyKeyOf(values) }), retryAfterHeader(known));
  }
  if (!known.fields) return undefined;
  const errors = localiseFieldErrors(known.fields, lang, known.statusCode === 409 ? known.code : undefined);
  return html(known.statusCode, applicationFormPage({ lang, values, privacyContact, errors, idempotencyKey: idempotencyKeyOf(values) }));
}

export const handler = httpHandler(
  submitApplication,
  async ({ body, headers }, { event }) => {
    const answer = await submit(body, headers['idempotency-key'] ?? body.idempotencyKey, applicationDependencies);
    if (isFormPost(event)) return redirect(`/apply?submitted=1&lang=${body.formLanguage ?? body.language}`);
    return json(202, answer);
  },
  { renderError: formError },
);
