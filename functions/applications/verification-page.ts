import { applicationDependencies } from '../../shared/composition/applications.js';
import { verificationPage as route } from '../../shared/contracts/applications.js';
import { verificationState } from '../../shared/domain/applications/verify-application.js';
import { httpHandler } from '../../shared/http/handler.js';
import { verificationAnswer } from '../../shared/pages/verification-answer.js';

/** The link in the verification email: shows where the application stands; only the page's button confirms. */
export const handler = httpHandler(route, async ({ query }) =>
  verificationAnswer(query.token ? await verificationState(query.token, applicationDependencies) : { outcome: 'unknown' }, query.token),
);
