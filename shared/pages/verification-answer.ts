import type { VerificationOutcome, VerificationState } from '../domain/applications/verify-application.js';
import { html, type HttpResult } from '../http/responses.js';
import { verificationPage } from './verification-pages.js';

/** The page (and status) for each outcome of the verification link and of its button. */
export function verificationAnswer(result: VerificationState | VerificationOutcome, token?: string): HttpResult {
  switch (result.outcome) {
    case 'pending':
      return html(200, verificationPage('confirm', result.lang, { organisationName: result.organisationName, token }));
    case 'verified':
      return html(200, verificationPage('verified', result.application.language, { organisationName: result.application.organisation.name }));
    case 'already-verified':
      return html(200, verificationPage('already', result.lang));
    case 'decided':
      return html(200, verificationPage('decided', result.lang));
    case 'expired':
      return html(410, verificationPage('expired', result.lang));
    case 'unknown':
      return html(404, verificationPage('unknown', 'pl'));
  }
}
