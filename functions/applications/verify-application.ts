import { applicationDependencies } from '../../shared/adapters/application-dependencies.js';
import { verifyApplication } from '../../shared/contracts/applications.js';
import { verifyApplication as verify } from '../../shared/domain/applications/verify-application.js';
import { httpHandler } from '../../shared/http/handler.js';
import { html } from '../../shared/http/responses.js';
import { verificationPage } from '../../shared/pages/verification-pages.js';

/** The applicant clicks this in the verification email: always a page, never an error dump. */
export const handler = httpHandler(verifyApplication, async ({ query }) => {
  const result = query.token ? await verify(query.token, applicationDependencies) : ({ outcome: 'unknown' } as const);
  switch (result.outcome) {
    case 'verified':
      return html(200, verificationPage('verified', result.application.language, result.application.organisation.name));
    case 'already-verified':
      return html(200, verificationPage('already', result.lang));
    case 'expired':
      return html(410, verificationPage('expired', result.lang));
    case 'unknown':
      return html(404, verificationPage('unknown', 'pl'));
  }
});
