import { applicationDependencies } from '../../shared/composition/applications.js';
import { verifyApplication } from '../../shared/contracts/applications.js';
import { verifyApplication as verify } from '../../shared/domain/applications/verify-application.js';
import { httpHandler } from '../../shared/http/handler.js';
import { verificationAnswer } from '../../shared/pages/verification-answer.js';

/** The verification page's button: confirms the email. Always a page, never an error dump. */
export const handler = httpHandler(verifyApplication, async ({ body }) =>
  verificationAnswer(body.token ? await verify(body.token, applicationDependencies) : { outcome: 'unknown' }),
);
