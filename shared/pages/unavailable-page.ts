import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Language } from '../email/language.js';
import { describeError, retryAfterHeader } from '../http/error-response.js';
import { bodyValues, isFormPost } from '../http/request-input.js';
import { html, type HttpResult } from '../http/responses.js';
import { messagePage } from './page.js';

export const unavailableCopy = {
  pl: {
    title: 'Chwilowa przerwa',
    message: 'Nie udało się teraz zapisać odpowiedzi z powodu chwilowej awarii po naszej stronie. Wróć do poprzedniej strony i wyślij formularz ponownie za minutę.',
    page: 'Tej strony nie da się teraz pokazać z powodu chwilowej awarii po naszej stronie. Otwórz link ponownie za minutę.',
  },
  en: {
    title: 'Briefly unavailable',
    message: 'We could not save your answer just now because of a brief fault on our side. Go back and send the form again in a minute.',
    page: 'This page cannot be shown just now because of a brief fault on our side. Open the link again in a minute.',
  },
} as const;

/** The page's language: asked in the query or the form, else the browser's first choice, else Polish. */
function languageOf(event: APIGatewayProxyEventV2): Language {
  const values = bodyValues(event);
  const asked = event.queryStringParameters?.lang ?? values.lang ?? values.formLanguage ?? values.language;
  if (asked === 'en' || asked === 'pl') return asked;
  return (event.headers?.['accept-language'] ?? '').trim().toLowerCase().startsWith('en') ? 'en' : 'pl';
}

/** A person's browser: posting a form, or opening a page (a link from an email) and asking for HTML. */
const fromBrowser = (event: APIGatewayProxyEventV2) =>
  isFormPost(event) || (event.requestContext?.http?.method === 'GET' && (event.headers?.accept ?? '').includes('text/html'));

/**
 * A person's browser that posted a form or opened a page while a service we
 * depend on was down gets a page saying so and to try again, with the 503
 * and Retry-After a program gets; programs keep the JSON error.
 */
export function unavailableAsPage(error: unknown, event: APIGatewayProxyEventV2): HttpResult | undefined {
  const known = describeError(error);
  if (known?.code !== 'SERVICE_UNAVAILABLE' || !fromBrowser(event)) return undefined;
  const lang = languageOf(event);
  const copy = unavailableCopy[lang];
  return html(503, messagePage(lang, copy.title, isFormPost(event) ? copy.message : copy.page), retryAfterHeader(known));
}
