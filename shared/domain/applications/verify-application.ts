import type { Language } from '../language.js';
import type { Clock } from '../../platform/clock.js';
import { hashToken } from '../../platform/ids.js';
import type { Application } from './application.js';
import { StaleApplication } from './errors.js';
import type { ApplicationStore, Verification } from './ports.js';

/** Where a verification link stands, as its page shows it. */
export type VerificationState =
  | { outcome: 'pending'; lang: Language; organisationName: string }
  | { outcome: 'already-verified'; lang: Language }
  | { outcome: 'decided'; lang: Language }
  | { outcome: 'expired'; lang: Language }
  | { outcome: 'unknown' };

export type VerificationOutcome = Exclude<VerificationState, { outcome: 'pending' }> | { outcome: 'verified'; application: Application };

export interface VerifyDependencies {
  clock: Clock;
  store: ApplicationStore;
  adminEmails: string[];
  publicBaseUrl: string;
}

type Inspected = { state: Exclude<VerificationState, { outcome: 'pending' }> } | { state: Extract<VerificationState, { outcome: 'pending' }>; verification: Verification; application: Application };

const decided = (application: Application | undefined) => application?.status === 'APPROVED' || application?.status === 'REJECTED';

async function inspect(tokenHash: string, deps: VerifyDependencies): Promise<Inspected> {
  const verification = await deps.store.verification(tokenHash);
  if (!verification) return { state: { outcome: 'unknown' } };
  const application = await deps.store.get(verification.applicationId);
  // The application itself may be gone (TTL); the verification record remembers the language.
  const lang = application?.language ?? verification.language;
  if (decided(application)) return { state: { outcome: 'decided', lang } };
  if (verification.usedAt || (application && application.status !== 'PENDING_VERIFICATION')) return { state: { outcome: 'already-verified', lang } };
  if (!application || new Date(verification.expiresAt) <= deps.clock.now()) return { state: { outcome: 'expired', lang } };
  return { state: { outcome: 'pending', lang, organisationName: application.organisation.name }, verification, application };
}

/**
 * What the emailed link shows. It changes nothing: mail security scanners open
 * every link in an email, so only the page's button (a POST) confirms.
 */
export async function verificationState(token: string, deps: VerifyDependencies): Promise<VerificationState> {
  return (await inspect(hashToken(token), deps)).state;
}

/**
 * Step 2: the applicant confirms the email (the page's POST). The application
 * becomes SUBMITTED, stops expiring, and administrators are told, in one transaction.
 */
export async function verifyApplication(token: string, deps: VerifyDependencies): Promise<VerificationOutcome> {
  const tokenHash = hashToken(token);
  const inspected = await inspect(tokenHash, deps);
  if (inspected.state.outcome !== 'pending') return inspected.state;
  const { application } = inspected as Extract<Inspected, { verification: Verification }>;
  const now = deps.clock.now();

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
