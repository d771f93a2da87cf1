import { privacyNoticeVersion } from '../../../shared/domain/organisations/reference-data.js';
import { describe, expect, it } from 'vitest';
import { submitApplicationBody } from '../../../shared/contracts/application-input.js';
import { submitApplication, type SubmitDependencies } from '../../../shared/domain/applications/submit-application.js';
import { IdempotencyKeyTaken } from '../../../shared/domain/applications/errors.js';
import { ConflictError } from '../../../shared/domain/errors.js';
import { fixedClock } from '../../../shared/platform/clock.js';
import { hashToken } from '../../../shared/platform/ids.js';
import { inMemoryApplicationStore, sequentialIds } from '../../support/fakes/in-memory-application-store.js';

const now = new Date('2026-03-02T09:00:00Z');
const input = (overrides: Record<string, unknown> = {}) =>
  submitApplicationBody.parse({
    organisation: { name: 'Zespół Szkół nr 1', type: 'school', nip: '526-000-12-46', address: { street: 'ul. Kuźnicza 10', postalCode: '50-138', city: 'Wrocław', voivodeship: 'dolnoslaskie' } },
    contact: { name: 'Anna Kowalska', email: 'Anna@Szkola.example.pl', phone: '+48 71 123 45 67', role: 'Dyrektor' },
    interests: ['it'],
    language: 'en',
    consents: { statute: true, dataProcessing: true },
    ...overrides,
  });

function setup() {
  const fake = inMemoryApplicationStore();
  const deps: SubmitDependencies = { clock: fixedClock(now), ids: sequentialIds('app'), store: fake.store, publicBaseUrl: 'https://api.glokal.test' };
  return { ...fake, deps };
}

describe('submitApplication', () => {
  it('stores the application pending verification, locks the NIP and queues the verification email with a 7-day link', async () => {
    const { deps, applications, locks, verifications, outbox } = setup();
    expect(await submitApplication(input(), undefined, deps)).toEqual({ applicationId: 'app-1', status: 'PENDING_VERIFICATION' });
    expect(applications.get('app-1')).toMatchObject({ status: 'PENDING_VERIFICATION', organisationIdentity: 'PL-NIP-5260001246', createdAt: now.toISOString() });
    expect(applications.get('app-1')!.consents.statute).toEqual({ accepted: true, at: now.toISOString(), textVersion: expect.any(String), noticeVersion: privacyNoticeVersion, lang: 'en' });
    expect(locks.get('PL-NIP-5260001246')).toMatchObject({ owner: 'app-1' });
    const [message] = [...outbox.values()];
    expect(message).toMatchObject({ to: 'anna@szkola.example.pl', lang: 'en', template: 'application-verification' });
    const verifyUrl = (message!.data as { verifyUrl: string }).verifyUrl;
    expect(verifyUrl).toBe('https://api.glokal.test/applications/verify?token=token-1-with-enough-length');
    // Only the token's hash is stored.
    expect(verifications.get(hashToken('token-1-with-enough-length'))).toMatchObject({ applicationId: 'app-1', expiresAt: '2026-03-09T09:00:00.000Z' });
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const { deps, applications, outbox } = setup();
    expect(await submitApplication(input({ homepage: 'http://spam.example' }), undefined, deps)).toMatchObject({ status: 'PENDING_VERIFICATION' });
    expect(applications.size).toBe(0);
    expect(outbox.size).toBe(0);
  });

  it('refuses a NIP that belongs to an open application or a member with NIP_TAKEN on the NIP field', async () => {
    const { deps } = setup();
    await submitApplication(input(), undefined, deps);
    await expect(submitApplication(input(), undefined, deps)).rejects.toMatchObject({ code: 'NIP_TAKEN', fields: [{ path: 'organisation.nip' }] });
  });

  it('names the registry number for a foreign organisation', async () => {
    const { deps } = setup();
    const foreign = input({ organisation: { name: 'Schule GmbH', type: 'school', country: 'DE', registryNumber: 'HRB 1234', address: { street: 'Hauptstr. 1', postalCode: '01067', city: 'Dresden' } } });
    await submitApplication(foreign, undefined, deps);
    await expect(submitApplication(foreign, undefined, deps)).rejects.toMatchObject({ code: 'REGISTRY_NUMBER_TAKEN', fields: [{ path: 'organisation.registryNumber' }] });
  });

  it('replays the first answer for a retried Idempotency-Key and writes nothing new', async () => {
    const { deps, applications, outbox } = setup();
    const first = await submitApplication(input(), 'retry-key-123', deps);
    expect(await submitApplication(input(), 'retry-key-123', deps)).toEqual(first);
    expect(applications.size).toBe(1);
    expect(outbox.size).toBe(1);
  });

  it('refuses a key reused for a different application with IDEMPOTENCY_KEY_REUSED', async () => {
    const { deps } = setup();
    await submitApplication(input(), 'retry-key-123', deps);
    const other = input({ contact: { name: 'Jan Nowak', email: 'jan@example.pl', phone: '+48 600 000 000', role: 'Koordynator' } });
    await expect(submitApplication(other, 'retry-key-123', deps)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    await expect(submitApplication(other, 'retry-key-123', deps)).rejects.toBeInstanceOf(ConflictError);
  });

  it('answers the winner’s answer when a concurrent request with the same key won the race', async () => {
    const { deps, store } = setup();
    const winner = await submitApplication(input(), 'race-key-123', deps);
    // The loser read no record, then its write met the winner's.
    const idempotentAnswer = store.idempotentAnswer;
    let reads = 0;
    store.idempotentAnswer = async (key) => ((reads += 1) === 1 ? undefined : idempotentAnswer(key));
    const create = store.create;
    store.create = async (request) => {
      if (request.idempotency) throw new IdempotencyKeyTaken();
      return create(request);
    };
    expect(await submitApplication(input(), 'race-key-123', deps)).toEqual(winner);
  });

  it('passes an unexpected store failure through', async () => {
    const { deps, store } = setup();
    store.create = async () => {
      throw new Error('DynamoDB is down');
    };
    await expect(submitApplication(input(), undefined, deps)).rejects.toThrow('DynamoDB is down');
  });
});
