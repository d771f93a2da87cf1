import { createHash } from 'node:crypto';
import { ConflictError } from '../errors.js';
import type { Clock } from '../../platform/clock.js';
import { hashToken, type IdGenerator } from '../../platform/ids.js';
import { consentTextVersion, privacyNoticeVersion } from '../organisations/reference-data.js';
import { organisationIdentity, verificationValidityDays, type Application, type ApplicationInput } from './application.js';
import { IdempotencyKeyTaken, OrganisationTaken } from './errors.js';
import type { ApplicationStore, SubmitAnswer } from './ports.js';

export interface SubmitDependencies {
  clock: Clock;
  ids: IdGenerator;
  store: ApplicationStore;
  publicBaseUrl: string;
}

function requestHash(input: ApplicationInput): string {
  const { idempotencyKey: _key, homepage: _honeypot, formLanguage: _page, ...meaningful } = input;
  return createHash('sha256').update(JSON.stringify(meaningful)).digest('base64url');
}

async function replay(key: string, hash: string, store: ApplicationStore): Promise<SubmitAnswer | undefined> {
  const record = await store.idempotentAnswer(key);
  if (!record) return undefined;
  if (record.requestHash !== hash) {
    throw new ConflictError('This Idempotency-Key was already used for a different application.', 'IDEMPOTENCY_KEY_REUSED');
  }
  return record.answer;
}

function takenError(input: ApplicationInput): ConflictError {
  const polish = input.organisation.country === 'PL';
  return new ConflictError(
    polish ? 'This NIP already belongs to a member or to an open application.' : 'This registry number already belongs to a member or to an open application.',
    polish ? 'NIP_TAKEN' : 'REGISTRY_NUMBER_TAKEN',
    [{ path: polish ? 'organisation.nip' : 'organisation.registryNumber', message: 'Already a member, or an application is open.' }],
  );
}

/**
 * Step 1 of onboarding: store the application, lock the organisation's
 * identity, and queue the verification email, in one transaction. A filled
 * honeypot gets the same answer and nothing is stored.
 */
export async function submitApplication(input: ApplicationInput, idempotencyKey: string | undefined, deps: SubmitDependencies): Promise<SubmitAnswer> {
  if (input.homepage) return { applicationId: deps.ids.newId(), status: 'PENDING_VERIFICATION' };
  const hash = requestHash(input);
  if (idempotencyKey) {
    const earlier = await replay(idempotencyKey, hash, deps.store);
    if (earlier) return earlier;
  }

  const now = deps.clock.now();
  const consent = (accepted: boolean) => ({ accepted, at: now.toISOString(), textVersion: consentTextVersion, noticeVersion: privacyNoticeVersion, lang: input.language });
  const application: Application = {
    applicationId: deps.ids.newId(),
    status: 'PENDING_VERIFICATION',
    organisation: input.organisation,
    contact: input.contact,
    interests: input.interests,
    language: input.language,
    consents: { statute: consent(input.consents.statute), dataProcessing: consent(input.consents.dataProcessing), marketing: consent(input.consents.marketing) },
    organisationIdentity: organisationIdentity(input.organisation),
    createdAt: now.toISOString(),
  };
  const expiresAt = new Date(now.getTime() + verificationValidityDays * 86_400_000);
  const token = deps.ids.newToken();
  const answer: SubmitAnswer = { applicationId: application.applicationId, status: 'PENDING_VERIFICATION' };

  try {
    await deps.store.create({
      application,
      expiresAt,
      verificationTokenHash: hashToken(token),
      now,
      idempotency: idempotencyKey ? { key: idempotencyKey, requestHash: hash, answer } : undefined,
      message: {
        to: input.contact.email,
        lang: input.language,
        template: 'application-verification',
        data: {
          contactName: input.contact.name,
          organisationName: input.organisation.name,
          verifyUrl: `${deps.publicBaseUrl}/applications/verify?token=${encodeURIComponent(token)}`,
          expiresAt: expiresAt.toISOString(),
        },
      },
    });
  } catch (error) {
    if (error instanceof IdempotencyKeyTaken && idempotencyKey) {
      const earlier = await replay(idempotencyKey, hash, deps.store);
      if (earlier) return earlier;
    }
    if (error instanceof OrganisationTaken) throw takenError(input);
    throw error;
  }
  return answer;
}
