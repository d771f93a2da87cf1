import { describe, expect, it } from 'vitest';
import { submitApplicationBody } from '../../../shared/contracts/application-input.js';
import { approveApplication, rejectApplication, type DecideDependencies } from '../../../shared/domain/applications/decide-application.js';
import { StaleApplication } from '../../../shared/domain/applications/errors.js';
import { submitApplication } from '../../../shared/domain/applications/submit-application.js';
import { verifyApplication } from '../../../shared/domain/applications/verify-application.js';
import { ConflictError, NotFoundError } from '../../../shared/domain/errors.js';
import { fixedClock } from '../../../shared/platform/clock.js';
import { inMemoryApplicationStore, sequentialIds } from '../../support/fakes/in-memory-application-store.js';

const admin = { subject: 'sub-admin-1', email: 'admin@glokal.test' };

async function setup({ verified = true } = {}) {
  const fake = inMemoryApplicationStore();
  const clock = fixedClock('2026-03-02T09:00:00Z');
  const ids = sequentialIds('id');
  const body = submitApplicationBody.parse({
    organisation: { name: 'Fundacja Rozwoju', type: 'ngo', nip: '526-000-12-46', address: { street: 'ul. Długa 5', postalCode: '58-300', city: 'Wałbrzych', voivodeship: 'dolnoslaskie' } },
    contact: { name: 'Piotr Zieliński', email: 'piotr@fundacja.example.pl', phone: '+48 74 000 00 00', role: 'Prezes' },
    interests: ['green_skills', 'entrepreneurship'],
    language: 'pl',
    consents: { statute: true, dataProcessing: true, marketing: true },
  });
  await submitApplication(body, undefined, { clock, ids, store: fake.store, publicBaseUrl: 'https://api.glokal.test' });
  if (verified) await verifyApplication('token-1-with-enough-length', { clock, store: fake.store, adminEmails: ['biuro@glokal.test'], publicBaseUrl: 'https://api.glokal.test' });
  fake.outbox.clear();
  clock.advance(86_400_000);
  const deps: DecideDependencies = { clock, ids, store: fake.store, publicBaseUrl: 'https://api.glokal.test' };
  return { ...fake, deps };
}

describe('approveApplication', () => {
  it('creates the member and its primary contact, sends the welcome email and writes the audit entry', async () => {
    const { deps, applications, members, contacts, outbox, audit, locks } = await setup();
    const decided = await approveApplication('id-1', admin, deps);
    expect(decided).toMatchObject({ status: 'APPROVED', decidedAt: '2026-03-03T09:00:00.000Z', decidedBy: 'sub-admin-1', memberId: 'id-2' });
    expect(applications.get('id-1')!.status).toBe('APPROVED');
    expect(members).toEqual([expect.objectContaining({ memberId: 'id-2', status: 'ACTIVE', name: 'Fundacja Rozwoju', type: 'ngo', interests: ['green_skills', 'entrepreneurship'] })]);
    expect(contacts).toEqual([expect.objectContaining({ contactId: 'id-3', memberId: 'id-2', email: 'piotr@fundacja.example.pl', primary: true, language: 'pl' })]);
    expect([...outbox.values()]).toEqual([expect.objectContaining({ to: 'piotr@fundacja.example.pl', template: 'application-approved', lang: 'pl' })]);
    expect(audit).toEqual([
      expect.objectContaining({ action: 'application.approve', target: 'application/id-1', actor: { subject: 'sub-admin-1' }, before: { status: 'SUBMITTED' }, after: { status: 'APPROVED', memberId: 'id-2' } }),
    ]);
    expect(locks.get('PL-NIP-5260001246')).toEqual({ owner: 'id-2' });
  });

  it('is refused for an unknown id (NotFoundError)', async () => {
    const { deps } = await setup();
    await expect(approveApplication('nope', admin, deps)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('is refused before the applicant confirmed the email (NOT_SUBMITTED)', async () => {
    const { deps, members } = await setup({ verified: false });
    await expect(approveApplication('id-1', admin, deps)).rejects.toMatchObject({ code: 'NOT_SUBMITTED' });
    expect(members).toHaveLength(0);
  });

  it('is refused once decided (ALREADY_DECIDED)', async () => {
    const { deps } = await setup();
    await rejectApplication('id-1', 'Outside the region', admin, deps);
    const refusal = approveApplication('id-1', admin, deps);
    await expect(refusal).rejects.toBeInstanceOf(ConflictError);
    await expect(refusal).rejects.toMatchObject({ code: 'ALREADY_DECIDED', message: 'The application was already rejected.' });
  });

  it('loses a concurrent decision with ALREADY_DECIDED', async () => {
    const { deps, store } = await setup();
    store.approve = async () => {
      throw new StaleApplication();
    };
    await expect(approveApplication('id-1', admin, deps)).rejects.toMatchObject({ code: 'ALREADY_DECIDED', message: 'Another administrator decided this application a moment ago.' });
  });
});

describe('rejectApplication', () => {
  it('sends the reason to the applicant, frees the NIP and writes the audit entry', async () => {
    const { deps, applications, outbox, audit, locks } = await setup();
    const decided = await rejectApplication('id-1', 'Outside the region', admin, deps);
    expect(decided).toMatchObject({ status: 'REJECTED', rejectionReason: 'Outside the region', decidedBy: 'sub-admin-1' });
    expect(applications.get('id-1')!.status).toBe('REJECTED');
    expect([...outbox.values()]).toEqual([expect.objectContaining({ template: 'application-rejected', data: expect.objectContaining({ reason: 'Outside the region' }) })]);
    expect(audit).toEqual([expect.objectContaining({ action: 'application.reject', after: { status: 'REJECTED', reason: 'Outside the region' } })]);
    expect(locks.has('PL-NIP-5260001246')).toBe(false);
  });

  it('records the subject when the token carries no address', async () => {
    const { deps } = await setup();
    expect(await rejectApplication('id-1', 'Incomplete', { subject: 'sub-2' }, deps)).toMatchObject({ decidedBy: 'sub-2' });
  });

  it('loses a concurrent decision with ALREADY_DECIDED', async () => {
    const { deps, store } = await setup();
    store.reject = async () => {
      throw new StaleApplication();
    };
    await expect(rejectApplication('id-1', 'x', admin, deps)).rejects.toMatchObject({ code: 'ALREADY_DECIDED' });
  });
});
