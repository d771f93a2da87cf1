import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/domain/errors.js';
import { audiencePage, matchesAudience, memberRecipients } from '../../../shared/domain/members/audience.js';
import { addColleague, colleagueAccess, type ColleagueDependencies } from '../../../shared/domain/members/colleagues.js';
import { confirmContact, confirmationState } from '../../../shared/domain/members/confirm-contact.js';
import { receivesMemberCommunication, type Contact, type Member, type MemberAggregate } from '../../../shared/domain/members/member.js';
import { addContact, removeContact, statusChanges, updateContact, updateMember } from '../../../shared/domain/members/upkeep.js';
import { fixedClock } from '../../../shared/platform/clock.js';
import { hashToken } from '../../../shared/platform/ids.js';
import { inMemoryMemberStore } from '../../support/fakes/in-memory-member-store.js';

const admin = { subject: 'sub-admin-1', email: 'admin@glokal.test' };
const start = '2026-11-02T09:00:00.000Z';

const aMember = (overrides: Partial<Member> = {}): Member => ({
  memberId: 'm1',
  status: 'ACTIVE',
  name: 'Zespół Szkół nr 2',
  type: 'school',
  country: 'PL',
  organisationIdentity: 'PL-NIP-5260001246',
  nip: '5260001246',
  address: { street: 'ul. Kuźnicza 10', postalCode: '50-138', city: 'Wrocław', voivodeship: 'dolnoslaskie' },
  interests: ['it'],
  language: 'pl',
  joinedAt: start,
  applicationId: 'a1',
  contactCount: 1,
  version: 1,
  ...overrides,
});

const aContact = (overrides: Partial<Contact> = {}): Contact => ({
  contactId: 'c1',
  memberId: 'm1',
  name: 'Anna Kowalska',
  email: 'anna@szkola.example.pl',
  role: 'Dyrektor',
  language: 'pl',
  primary: true,
  receives: ['events', 'grants'],
  status: 'CONFIRMED',
  addedBy: 'application',
  createdAt: start,
  ...overrides,
});

function setup(aggregate: MemberAggregate = { member: aMember(), contacts: [aContact()] }) {
  const fake = inMemoryMemberStore();
  fake.aggregates.set(aggregate.member.memberId, structuredClone(aggregate));
  const clock = fixedClock(start);
  let next = 0;
  const ids = { newId: () => `id-${(next += 1)}`, newToken: () => `token-${(next += 1)}-with-enough-length` };
  const preferences = new Map<string, { email: string; lang: 'pl' | 'en' }>();
  const deps: ColleagueDependencies = { clock, ids, store: fake.store, publicBaseUrl: 'https://api.glokal.test', preferencesAddress: async (token) => preferences.get(token) };
  const directory = { directory: fake.store, clock };
  return { ...fake, deps, clock, directory, preferences };
}

const tokenIn = (url: string) => decodeURIComponent(url.split('/').pop()!);
const confirmUrl = (message: { data: unknown }) => (message.data as { confirmUrl: string }).confirmUrl;

describe('updateMember', () => {
  it('changes the member, bumps the version and audits only what changed', async () => {
    const { deps, aggregates, audit } = setup();
    const detail = await updateMember('m1', { name: 'Technikum nr 2', interests: ['it', 'tourism', 'it'] }, admin, deps);
    expect(detail.member).toMatchObject({ name: 'Technikum nr 2', interests: ['it', 'tourism'], version: 2, updatedAt: start });
    expect(aggregates.get('m1')!.member.version).toBe(2);
    expect(audit).toEqual([expect.objectContaining({ action: 'member.update', target: 'member/m1', before: { name: 'Zespół Szkół nr 2', interests: ['it'] }, after: { name: 'Technikum nr 2', interests: ['it', 'tourism'] } })]);
  });

  it('writes nothing when nothing changes', async () => {
    const { deps, audit } = setup();
    expect((await updateMember('m1', { name: 'Zespół Szkół nr 2' }, admin, deps)).member.version).toBe(1);
    expect(audit).toEqual([]);
  });

  it.each(Object.entries(statusChanges).flatMap(([from, to]) => (['ACTIVE', 'SUSPENDED', 'LEFT'] as const).map((target) => [from, target, to.includes(target)] as const)))(
    'from %s to %s: allowed %s',
    async (from, target, allowed) => {
      const { deps } = setup({ member: aMember({ status: from as Member['status'] }), contacts: [aContact()] });
      const change = updateMember('m1', { status: target, statusReason: 'Powód zmiany.' }, admin, deps);
      if (allowed) expect((await change).member).toMatchObject({ status: target, statusReason: 'Powód zmiany.', statusChangedAt: start });
      else await expect(change).rejects.toMatchObject({ code: 'INVALID_STATUS_CHANGE' });
    },
  );

  it('needs a reason with a status, a status with a reason, and a Polish address with voivodeship and postal code', async () => {
    const { deps } = setup();
    await expect(updateMember('m1', { status: 'SUSPENDED' }, admin, deps)).rejects.toMatchObject({ fields: [{ path: 'statusReason' }] });
    await expect(updateMember('m1', { statusReason: 'Bez statusu.' }, admin, deps)).rejects.toMatchObject({ fields: [{ path: 'status' }] });
    await expect(updateMember('m1', { address: { street: 'ul. A 1', postalCode: '50138', city: 'Wrocław' } }, admin, deps)).rejects.toBeInstanceOf(ValidationError);
    // Abroad, neither applies (and a voivodeship is dropped).
    const { deps: foreign } = setup({ member: aMember({ country: 'DE', nip: undefined, registryNumber: 'HRB 1' }), contacts: [aContact()] });
    expect((await updateMember('m1', { address: { street: 'Hauptstr. 1', postalCode: '01067', city: 'Dresden', voivodeship: 'dolnoslaskie' } }, admin, foreign)).member.address).toEqual({
      street: 'Hauptstr. 1',
      postalCode: '01067',
      city: 'Dresden',
      voivodeship: undefined,
    });
  });

  it('refuses a stale version, an unknown member, and a member changed between read and write', async () => {
    const { deps, store } = setup();
    await expect(updateMember('m1', { name: 'Nowa nazwa', version: 0 }, admin, deps)).rejects.toMatchObject({ code: 'MEMBER_CHANGED' });
    await expect(updateMember('nope', { name: 'Nowa nazwa' }, admin, deps)).rejects.toBeInstanceOf(NotFoundError);
    const load = store.load;
    store.load = async (memberId) => {
      const read = await load(memberId);
      await updateMember('m1', { type: 'university' }, admin, { ...deps, store: { ...store, load } });
      return read;
    };
    await expect(updateMember('m1', { name: 'Nowa nazwa' }, admin, deps)).rejects.toMatchObject({ code: 'MEMBER_CHANGED' });
  });
});

describe('contacts', () => {
  it('an added contact is unconfirmed and expiring, gets a confirmation link, and does not count until confirmed', async () => {
    const { deps, outbox, confirmations, audit, aggregates } = setup();
    const { contact, detail } = await addContact('m1', { name: 'Tomasz Nowak', email: 'Tomasz@Szkola.example.pl', role: 'Koordynator', language: 'en' }, admin, deps);
    expect(contact).toMatchObject({ status: 'UNCONFIRMED', primary: false, receives: ['events', 'grants'], confirmBy: '2026-11-09T09:00:00.000Z', addedBy: 'office' });
    expect(detail.member.contactCount).toBe(1);
    expect(outbox).toEqual([expect.objectContaining({ to: 'Tomasz@Szkola.example.pl', lang: 'en', template: 'contact-confirmation', data: expect.objectContaining({ reason: 'added' }) })]);
    const token = tokenIn(confirmUrl(outbox[0]!));
    expect(confirmations.get(hashToken(token))).toMatchObject({ contactId: contact.contactId, email: 'tomasz@szkola.example.pl', expiresAt: '2026-11-09T09:00:00.000Z' });
    expect(JSON.stringify(audit)).not.toContain('Tomasz');
    expect(receivesMemberCommunication(aggregates.get('m1')!.member, aggregates.get('m1')!.contacts[1]!, 'events', new Date(start))).toBe(false);
  });

  it('refuses a duplicate address in any case, and more than the maximum of contacts', async () => {
    const { deps } = setup();
    await expect(addContact('m1', { name: 'Anna K', email: 'ANNA@szkola.example.pl', role: 'Dyrektor', language: 'pl' }, admin, deps)).rejects.toMatchObject({ code: 'DUPLICATE_CONTACT_EMAIL' });
    const many = Array.from({ length: 25 }, (_, index) => aContact({ contactId: `c${index}`, email: `p${index}@x.pl`, primary: index === 0 }));
    const { deps: full } = setup({ member: aMember(), contacts: many });
    await expect(addContact('m1', { name: 'Jeden za dużo', email: 'extra@x.pl', role: 'Rola', language: 'pl' }, admin, full)).rejects.toMatchObject({ code: 'TOO_MANY_CONTACTS' });
  });

  it('a new address is unconfirmed; the old one is told only if it was confirmed; making primary moves it', async () => {
    const { deps, outbox } = setup({ member: aMember(), contacts: [aContact(), aContact({ contactId: 'c2', email: 'b@x.pl', primary: false, status: 'UNCONFIRMED' })] });
    const detail = await updateContact('m1', 'c1', { email: 'new@x.pl' }, admin, deps);
    expect(detail.contacts.find((contact) => contact.contactId === 'c1')).toMatchObject({ email: 'new@x.pl', status: 'UNCONFIRMED', primary: true });
    expect(outbox.map((message) => [message.template, message.to])).toEqual([
      ['contact-confirmation', 'new@x.pl'],
      ['contact-address-changed', 'anna@szkola.example.pl'],
    ]);
    outbox.length = 0;
    await updateContact('m1', 'c2', { email: 'c@x.pl' }, admin, deps);
    expect(outbox.map((message) => message.template)).toEqual(['contact-confirmation']);
    const promoted = await updateContact('m1', 'c2', { primary: true }, admin, deps);
    expect(promoted.contacts.map((contact) => [contact.contactId, contact.primary])).toEqual([
      ['c2', true],
      ['c1', false],
    ]);
  });

  it('an unconfirmed addition cannot become primary, and a confirmed address has nothing to resend', async () => {
    const { deps } = setup({ member: aMember(), contacts: [aContact(), aContact({ contactId: 'c2', email: 'b@x.pl', primary: false, status: 'UNCONFIRMED', confirmBy: '2026-11-05T00:00:00.000Z' })] });
    await expect(updateContact('m1', 'c2', { primary: true }, admin, deps)).rejects.toMatchObject({ code: 'CONTACT_NOT_CONFIRMED' });
    await expect(updateContact('m1', 'c1', { resendConfirmation: true }, admin, deps)).rejects.toMatchObject({ code: 'ALREADY_CONFIRMED' });
    // A resent link gives an unconfirmed addition as long again.
    expect((await updateContact('m1', 'c2', { resendConfirmation: true }, admin, deps)).contacts[1]).toMatchObject({ confirmBy: '2026-11-09T09:00:00.000Z' });
  });

  it('keeps at least one lasting contact and the primary one', async () => {
    const pending = aContact({ contactId: 'c2', email: 'b@x.pl', primary: false, status: 'UNCONFIRMED', confirmBy: '2026-11-05T00:00:00.000Z' });
    const { deps } = setup({ member: aMember(), contacts: [aContact(), pending] });
    await expect(removeContact('m1', 'c1', admin, deps)).rejects.toMatchObject({ code: 'LAST_CONTACT' });
    expect((await removeContact('m1', 'c2', admin, deps)).contacts.map((contact) => contact.contactId)).toEqual(['c1']);
    const { deps: two } = setup({ member: aMember({ contactCount: 2 }), contacts: [aContact(), aContact({ contactId: 'c2', email: 'b@x.pl', primary: false })] });
    await expect(removeContact('m1', 'c1', admin, two)).rejects.toMatchObject({ code: 'PRIMARY_CONTACT' });
    expect((await removeContact('m1', 'c2', admin, two)).member.contactCount).toBe(1);
    await expect(removeContact('m1', 'c9', admin, two)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('an expired unconfirmed addition is gone: not shown, not found, and dropped by the next write', async () => {
    const expired = aContact({ contactId: 'c2', email: 'b@x.pl', primary: false, status: 'UNCONFIRMED', confirmBy: '2026-11-01T00:00:00.000Z' });
    const { deps, aggregates } = setup({ member: aMember(), contacts: [aContact(), expired] });
    await expect(updateContact('m1', 'c2', { role: 'Nowa rola' }, admin, deps)).rejects.toBeInstanceOf(NotFoundError);
    await addContact('m1', { name: 'Ten sam adres', email: 'b@x.pl', role: 'Rola', language: 'pl' }, admin, deps);
    expect(aggregates.get('m1')!.contacts.map((contact) => contact.contactId)).toEqual(['c1', 'id-1']);
  });
});

describe('confirmation links', () => {
  async function withLink() {
    const context = setup();
    await addContact('m1', { name: 'Tomasz Nowak', email: 't@x.pl', role: 'Koordynator', language: 'en' }, admin, context.deps);
    return { ...context, token: tokenIn(confirmUrl(context.outbox[0]!)) };
  }

  it('the state changes nothing; the button confirms once, counts the contact and stops its expiry', async () => {
    const { deps, token, aggregates } = await withLink();
    expect(await confirmationState(token, deps)).toEqual({ outcome: 'pending', lang: 'en', organisationName: 'Zespół Szkół nr 2', contactName: 'Tomasz Nowak' });
    expect(aggregates.get('m1')!.member.version).toBe(2);
    expect(await confirmContact(token, deps)).toEqual({ outcome: 'confirmed', lang: 'en', organisationName: 'Zespół Szkół nr 2' });
    const [, confirmed] = aggregates.get('m1')!.contacts;
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', confirmedAt: start });
    expect(confirmed).not.toHaveProperty('confirmBy');
    expect(aggregates.get('m1')!.member.contactCount).toBe(2);
    expect(await confirmContact(token, deps)).toMatchObject({ outcome: 'already-confirmed' });
    expect(await confirmationState('unknown-token-0123456789', deps)).toEqual({ outcome: 'unknown' });
  });

  it('an expired link, a link for a changed address and a removed contact confirm nothing', async () => {
    const expired = await withLink();
    expired.clock.advance(7 * 86_400_000);
    expect(await confirmContact(expired.token, expired.deps)).toEqual({ outcome: 'expired', lang: 'en' });
    const changed = await withLink();
    await updateContact('m1', 'id-1', { email: 'other@x.pl' }, admin, changed.deps);
    expect(await confirmContact(changed.token, changed.deps)).toEqual({ outcome: 'superseded', lang: 'en' });
    const removed = await withLink();
    await removeContact('m1', 'id-1', admin, removed.deps);
    expect(await confirmContact(removed.token, removed.deps)).toEqual({ outcome: 'superseded', lang: 'en' });
  });

  it('reads the member again when another change came first, and a double click is answered as already confirmed', async () => {
    const { deps, token, store, aggregates } = await withLink();
    const save = store.save;
    let raced = false;
    store.save = async (change) => {
      if (!raced) {
        raced = true;
        await updateMember('m1', { name: 'Technikum nr 2' }, admin, { ...deps, store: { ...store, save } });
      }
      return save(change);
    };
    expect(await confirmContact(token, deps)).toMatchObject({ outcome: 'confirmed', organisationName: 'Technikum nr 2' });
    expect(aggregates.get('m1')!.member).toMatchObject({ name: 'Technikum nr 2', version: 4, contactCount: 2 });
  });
});

describe('colleagues', () => {
  it('a welcome link allows its primary contact; an expired one, a former primary’s and a left member’s do not', async () => {
    const { deps, colleagueLinks, clock, aggregates } = setup();
    colleagueLinks.set(hashToken('welcome-token-0123456789'), { tokenHash: hashToken('welcome-token-0123456789'), memberId: 'm1', contactId: 'c1', expiresAt: '2026-12-02T09:00:00.000Z' });
    expect(await colleagueAccess('welcome-token-0123456789', deps)).toEqual({
      outcome: 'allowed',
      lang: 'pl',
      memberships: [{ memberId: 'm1', organisationName: 'Zespół Szkół nr 2', contactId: 'c1', contactName: 'Anna Kowalska' }],
    });
    aggregates.get('m1')!.member.status = 'LEFT';
    expect(await colleagueAccess('welcome-token-0123456789', deps)).toEqual({ outcome: 'not-allowed', lang: 'pl' });
    clock.advance(31 * 86_400_000);
    expect(await colleagueAccess('welcome-token-0123456789', deps)).toEqual({ outcome: 'expired', lang: 'pl' });
    expect(await colleagueAccess('nothing-behind-this-token', deps)).toEqual({ outcome: 'unknown' });
  });

  it('a preferences link allows a primary contact of several members to choose one; others are not allowed', async () => {
    const { deps, preferences, aggregates, outbox, audit } = setup();
    aggregates.set('m2', { member: aMember({ memberId: 'm2', name: 'Fundacja' }), contacts: [aContact({ memberId: 'm2', contactId: 'c9' })] });
    preferences.set('prefs-token-0123456789', { email: 'anna@szkola.example.pl', lang: 'en' });
    preferences.set('other-token-0123456789', { email: 'nobody@x.pl', lang: 'pl' });
    const access = await colleagueAccess('prefs-token-0123456789', deps);
    expect(access).toMatchObject({ outcome: 'allowed', lang: 'en', memberships: [{ memberId: 'm1' }, { memberId: 'm2' }] });
    await expect(addColleague('prefs-token-0123456789', { name: 'Tomasz', email: 't@x.pl', role: 'Koordynator', language: 'pl' }, deps)).rejects.toMatchObject({ fields: [{ path: 'memberId' }] });
    expect(await addColleague('prefs-token-0123456789', { memberId: 'm2', name: 'Tomasz', email: 't@x.pl', role: 'Koordynator', language: 'pl' }, deps)).toMatchObject({ outcome: 'added', organisationName: 'Fundacja' });
    expect(outbox).toEqual([expect.objectContaining({ to: 't@x.pl', data: expect.objectContaining({ addedByName: 'Anna Kowalska', organisationName: 'Fundacja' }) })]);
    expect(audit).toEqual([expect.objectContaining({ action: 'contact.add-colleague', actor: { subject: 'contact/c9' } })]);
    expect(await colleagueAccess('other-token-0123456789', deps)).toEqual({ outcome: 'not-allowed', lang: 'pl' });
    await expect(addColleague('prefs-token-0123456789', { memberId: 'm2', name: 'Anna', email: 'ANNA@szkola.example.pl', role: 'Dyrektor', language: 'pl' }, deps)).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('member communications', () => {
  it('go only to an active member’s confirmed, current contacts who receive the category', () => {
    const now = new Date(start);
    const member = aMember();
    expect(receivesMemberCommunication(member, aContact(), 'events', now)).toBe(true);
    expect(receivesMemberCommunication({ ...member, status: 'SUSPENDED' }, aContact(), 'events', now)).toBe(false);
    expect(receivesMemberCommunication({ ...member, status: 'LEFT' }, aContact(), 'grants', now)).toBe(false);
    expect(receivesMemberCommunication(member, aContact({ status: 'UNCONFIRMED' }), 'events', now)).toBe(false);
    expect(receivesMemberCommunication(member, aContact({ receives: ['grants'] }), 'events', now)).toBe(false);
  });

  it('an audience is matched by any of its types and any of its interests, and read page by page from the narrowest index', async () => {
    expect(matchesAudience({ type: 'school', interests: ['it'] }, {})).toBe(true);
    expect(matchesAudience({ type: 'school', interests: ['it'] }, { types: ['ngo', 'school'], interests: ['tourism', 'it'] })).toBe(true);
    expect(matchesAudience({ type: 'school', interests: ['it'] }, { types: ['ngo'] })).toBe(false);
    expect(matchesAudience({ type: 'school', interests: ['it'] }, { interests: ['tourism'] })).toBe(false);

    const { directory, aggregates } = setup();
    for (const [index, type] of (['school', 'ngo', 'school'] as const).entries()) {
      aggregates.set(`n${index}`, { member: aMember({ memberId: `n${index}`, type }), contacts: [aContact({ memberId: `n${index}` })] });
    }
    aggregates.set('s', { member: aMember({ memberId: 's', status: 'SUSPENDED' }), contacts: [aContact({ memberId: 's' })] });
    const calls: unknown[] = [];
    const spying = { directory: { ...directory.directory, list: async (filter: Parameters<typeof directory.directory.list>[0]) => (calls.push(filter), directory.directory.list(filter)) } };
    const first = await audiencePage({ types: ['school'] }, { limit: 2 }, spying);
    expect(calls[0]).toEqual({ status: 'ACTIVE', limit: 2, type: 'school' });
    const second = await audiencePage({ types: ['school'] }, { limit: 2, cursor: first.cursor! }, spying);
    expect([...first.members, ...second.members].map((member) => member.memberId).sort()).toEqual(['m1', 'n0', 'n2']);
    expect(second.cursor).toBeUndefined();
    await audiencePage({ interests: ['it'] }, { limit: 10 }, spying);
    expect(calls[2]).toEqual({ status: 'ACTIVE', limit: 10, interest: 'it' });
    expect(await memberRecipients('s', 'events', directory)).toEqual([]);
    expect(await memberRecipients('n1', 'events', directory)).toEqual([
      { memberId: 'n1', contactId: 'c1', name: 'Anna Kowalska', email: 'anna@szkola.example.pl', language: 'pl', organisationName: 'Zespół Szkół nr 2' },
    ]);
  });
});
