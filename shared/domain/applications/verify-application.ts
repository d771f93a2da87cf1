import type { Language } from '../../email/language.js';
import type { Clock } from '../../platform/clock.js';
import { hashToken } from '../../platform/ids.js';
import type { Application } from './application.js';
import { StaleApplication } from './errors.js';
import type { ApplicationStore } from './ports.js';

export type VerificationOutcome =
  | { outcome: 'verified'; application: Application }
  | { outcome: 'already-verified'; lang: Language }
  | { outcome: 'expired'; lang: Language }
  | { outcome: 'unknown' };

export interface VerifyDependencies {
  clock: Clock;
  store: ApplicationStore;
  adminEmails: string[];
  publicBaseUrl: string;
}

/**
 * Step 2: the applicant's link confirms the email. The application becomes
 * SUBMITTED, stops expiring, and administrators are told, in one transaction.
 */
export async function verifyApplication(token: string, deps: VerifyDependencies): Promise<VerificationOutcome> {
  const tokenHash = hashToken(token);
  const verification = await deps.store.verification(tokenHash);
  if (!verification) return { outcome: 'unknown' };
  const application = await deps.store.get(verification.applicationId);
  const now = deps.clock.now();
  // The application itself may be gone (TTL); the verification record remembers the language.
  const lang = application?.language ?? verification.language;
  if (verification.usedAt) return { outcome: 'already-verified', lang };
  if (application && application.status !== 'PENDING_VERIFICATION') return { outcome: 'already-verified', lang };
  if (!application || new Date(verification.expiresAt) <= now) return { outcome: 'expired', lang };

  const submitted: Application = { ...application, status: 'SUBMITTED', submittedAt: now.toISOString() };
  const messages = deps.adminEmails.map((to) => ({
    to,
    lang: 'pl' as const,
    template: 'application-received-admin' as const,
    data: {
      applicationId: application.applicationId,
      organisationName: application.organisation.name,
      organisationType: application.organisation.type,
      country: application.organisation.country,
      submittedAt: now.toISOString(),
      adminUrl: `${deps.publicBaseUrl}/admin/applications/${application.applicationId}`,
    },
  }));
  try {
    await deps.store.markSubmitted(submitted, tokenHash, now, messages);
  } catch (error) {
    // A double click: the other request verified it a moment ago.
    if (error instanceof StaleApplication) return { outcome: 'already-verified', lang: application.language };
    throw error;
  }
  return { outcome: 'verified', application: submitted };
}
