import { describe, expect, it } from 'vitest';
import { submitApplicationBody } from '../../../shared/contracts/application-input.js';
import { submitApplication } from '../../../shared/domain/applications/submit-application.js';
import { StaleApplication } from '../../../shared/domain/applications/errors.js';
import { verificationState, verifyApplication, type VerifyDependencies } from '../../../shared/domain/applications/verify-application.js';
import { fixedClock } from '../../../shared/platform/clock.js';
import { inMemoryApplicationStore, sequentialIds } from '../../support/fakes/in-memory-application-store.js';

const submittedAt = new Date('2026-03-02T09:00:00Z');
const token = 'token-1-with-enough-length';

async function setup() {
  const fake = inMemoryApplicationStore();
  const clock = fixedClock(submittedAt);
  const body = submitApplicationBody.parse({
    organisation: { name: 'Uniwersytet Testowy', type: 'university', nip: '526-000-12-46', address: { street: 'pl. Uniwersytecki 1', postalCode: '50-137', city: 'Wrocław', voivodeship: 'dolnoslaskie' } },
    contact: { name: 'Ewa Nowak', email: 'ewa@uni.example.pl', phone: '+48 71 000 00 00', role: 'Prorektor' },
    interests: ['it'],
    language: 'en',
    consents: { statute: true, dataProcessing: true },
  });
  await submitApplication(body, undefined, { clock, ids: sequentialIds('app'), store: fake.store, publicBaseUrl: 'https://api.glokal.test' });
  fake.outbox.clear();
  const deps: VerifyDependencies = { clock, store: fake.store, adminEmails: ['biuro@glokal.test', 'prezes@glokal.test'], publicBaseUrl: 'https://api.glokal.test' };
  return { ...fake, clock, deps };
}

describe('verificationState (the GET behind the emailed link)', () => {
  it('shows a pending application with its name, and changes nothing', async () => {
    const { deps, applications, outbox } = await setup();
    expect(await verificationState(token, deps)).toEqual({ outcome: 'pending', lang: 'en', organisationName: 'Uniwersytet Testowy' });
    expect(applications.get('app-1')!.status).toBe('PENDING_VERIFICATION');
    expect(outbox.size).toBe(0);
  });

  it('knows an unknown token', async () => {
    const { deps } = await setup();
    expect(await verificationState('made-up', deps)).toEqual({ outcome: 'unknown' });
  });

  it('says the link expired after 7 days, also when TTL already deleted the application', async () => {
    const { deps, clock, applications } = await setup();
    clock.advance(7 * 86_400_000);
    expect(await verificationState(token, deps)).toEqual({ outcome: 'expired', lang: 'en' });
    applications.clear();
    expect(await verificationState(token, deps)).toEqual({ outcome: 'expired', lang: 'en' });
  });
});

describe('verifyApplication (the page’s button)', () => {
  it('submits the application and tells every administrator, in Polish, with the admin link', async () => {
    const { deps, clock, applications, outbox, verifications } = await setup();
    clock.advance(3_600_000);
    const result = await verifyApplication(token, deps);
    expect(result).toMatchObject({ outcome: 'verified', application: { status: 'SUBMITTED', submittedAt: '2026-03-02T10:00:00.000Z' } });
    expect(applications.get('app-1')!.status).toBe('SUBMITTED');
    expect([...verifications.values()][0]!.usedAt).toBe('2026-03-02T10:00:00.000Z');
    expect([...outbox.values()]).toEqual([
      expect.objectContaining({ to: 'biuro@glokal.test', lang: 'pl', template: 'application-received-admin', data: expect.objectContaining({ adminUrl: 'https://api.glokal.test/admin/applications/app-1' }) }),
      expect.objectContaining({ to: 'prezes@glokal.test' }),
    ]);
  });

  it('a second press says it is already confirmed and notifies nobody again', async () => {
    const { deps, outbox } = await setup();
    await verifyApplication(token, deps);
    expect(await verifyApplication(token, deps)).toEqual({ outcome: 'already-verified', lang: 'en' });
    expect(outbox.size).toBe(2);
  });

  it('a press that loses the race to a concurrent one says already confirmed', async () => {
    const { deps, store } = await setup();
    store.markSubmitted = async () => {
      throw new StaleApplication();
    };
    expect(await verifyApplication(token, deps)).toEqual({ outcome: 'already-verified', lang: 'en' });
  });

  it('after a decision, both the link and the button say decided', async () => {
    const { deps, applications } = await setup();
    await verifyApplication(token, deps);
    applications.set('app-1', { ...applications.get('app-1')!, status: 'REJECTED', rejectionReason: 'Out of region' });
    expect(await verificationState(token, deps)).toEqual({ outcome: 'decided', lang: 'en' });
    expect(await verifyApplication(token, deps)).toEqual({ outcome: 'decided', lang: 'en' });
  });

  it('refuses an expired link and an unknown token without writing', async () => {
    const { deps, clock, outbox, applications } = await setup();
    expect(await verifyApplication('made-up', deps)).toEqual({ outcome: 'unknown' });
    clock.advance(8 * 86_400_000);
    expect(await verifyApplication(token, deps)).toEqual({ outcome: 'expired', lang: 'en' });
    expect(applications.get('app-1')!.status).toBe('PENDING_VERIFICATION');
    expect(outbox.size).toBe(0);
  });

  it('passes an unexpected store failure through', async () => {
    const { deps, store } = await setup();
    store.markSubmitted = async () => {
      throw new Error('throttled');
    };
    await expect(verifyApplication(token, deps)).rejects.toThrow('throttled');
  });
});
