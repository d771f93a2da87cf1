import { readFileSync } from 'node:fs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { invokeFunction } from '../../infra/local/load-handler.js';
import { manifest } from '../../infra/manifest.js';
import { memberLookups } from '../../scripts/migrations/member-lookups.js';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { recipientRepository } from '../../shared/adapters/dynamo/recipient-repository.js';
import { memberDependencies } from '../../shared/composition/members.js';
import { config } from '../../shared/config.js';
import { audiencePage, memberRecipients } from '../../shared/domain/members/audience.js';
import { addContact } from '../../shared/domain/members/upkeep.js';
import { fixedClock } from '../../shared/platform/clock.js';
import { hashToken } from '../../shared/platform/ids.js';
import { useLocalApi } from '../support/local-api.js';
import { uniqueEmail, waitForEmails } from '../support/mailbox.js';
import { approvedMember, confirmationLink, tokenOf } from '../support/members.js';
import { item, partition, validNip } from '../support/organisations.js';
import { queuedMessagesTo } from '../support/queued-messages.js';
import { storedKeys } from '../support/stored-keys.js';
import { useMailer } from '../support/stream-poller.js';

const api = useLocalApi();
useMailer();
const admin = { role: 'admin' as const };
const office = { subject: 'sub-admin-test', email: 'admin@glokal.localhost' };

const member = async (memberId: string) => (await api.call('GET', `/admin/members/${memberId}`, { role: 'viewer' })).json;
const contactBy = (detail: { contacts: Array<{ email: string }> }, email: string) => detail.contacts.find((contact) => contact.email === email.toLowerCase()) as Record<string, any>;
const auditOf = async (memberId: string) => (await partition(`AUDIT#${new Date().toISOString().slice(0, 10)}`)).filter((entry) => String(entry.target).startsWith(`member/${memberId}`));
const newContact = (overrides: Record<string, unknown> = {}) => ({ name: 'Tomasz Nowak', email: uniqueEmail('coordinator'), role: 'Koordynator projektów', language: 'en', ...overrides });

describe('member upkeep by administrators', () => {
  it('a new member has one confirmed primary contact receiving both kinds of communications, version 1 and counts', async () => {
    const { memberId, email } = await approvedMember(api.call);
    const detail = await member(memberId);
    expect(detail.member).toMatchObject({ memberId, status: 'ACTIVE', version: 1, contactCount: 1 });
    expect(detail.contacts).toEqual([expect.objectContaining({ email, primary: true, status: 'CONFIRMED', receives: ['events', 'grants'], addedBy: 'application' })]);
    expect(detail.counts).toEqual({ contacts: 1, confirmed: 1, unconfirmed: 0, pendingAdditions: 0, receivingEvents: 1, receivingGrants: 1 });
    expect((await api.call('GET', '/admin/members/no-such-member', { role: 'viewer' })).status).toBe(404);
  });

  it('PATCH changes name, type, address and interests, and every copy of them (interest items, status index, lookups) in one transaction, audited', async () => {
    const { memberId, body } = await approvedMember(api.call, { interests: ['it', 'tourism'], type: 'school' });
    const name = `Politechnika Testowa ${Math.random().toString(36).slice(2, 8)}`;
    const answer = await api.call('PATCH', `/admin/members/${memberId}`, {
      ...admin,
      json: { name, type: 'university', interests: ['healthcare', 'tourism'], address: { street: 'ul. Nowa 1', postalCode: '50-001', city: 'Wrocław', voivodeship: 'dolnoslaskie' } },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.member).toMatchObject({ name, type: 'university', interests: ['healthcare', 'tourism'], version: 2, address: { street: 'ul. Nowa 1' } });
    // The identity stays locked to the member.
    expect(answer.json.member.nip).toBe(body.organisation.nip);
    expect(await item(storedKeys.organisationLock(`PL-NIP-${body.organisation.nip}`))).toMatchObject({ owner: memberId, ownerKind: 'member' });

    const items = await partition(storedKeys.memberPartition(memberId));
    expect(items.filter((entry) => entry.entity === 'MEMBER_INTEREST').map((entry) => [entry.interest, entry.name, entry.type]).sort()).toEqual([
      ['healthcare', name, 'university'],
      ['tourism', name, 'university'],
    ]);
    const byInterest = await api.call('GET', '/admin/members?interest=healthcare&type=university&limit=100', { role: 'viewer' });
    expect(byInterest.json.items.map((entry: { memberId: string }) => entry.memberId)).toContain(memberId);
    const oldInterest = await api.call('GET', '/admin/members?interest=it&type=school&limit=100', { role: 'viewer' });
    expect(oldInterest.json.items.map((entry: { memberId: string }) => entry.memberId)).not.toContain(memberId);
    const byType = await api.call('GET', '/admin/members?type=university&limit=100', { role: 'viewer' });
    expect(byType.json.items).toContainEqual(expect.objectContaining({ memberId, name, contactCount: 1 }));

    const [entry] = await auditOf(memberId);
    expect(entry).toMatchObject({ action: 'member.update', target: `member/${memberId}`, before: { type: 'school', interests: ['it', 'tourism'] }, after: { type: 'university', name } });
  });

  it('refuses an unknown interest, a status without a reason, a bad status change, a PL address without voivodeship, a stale version, and viewers', async () => {
    const { memberId } = await approvedMember(api.call);
    const patch = (json: unknown, role: 'admin' | 'viewer' = 'admin') => api.call('PATCH', `/admin/members/${memberId}`, { role, json });
    const unknownInterest = await patch({ interests: ['it', 'astrology'] });
    expect(unknownInterest.status).toBe(400);
    expect(unknownInterest.json.error.fields).toEqual([{ path: 'interests.1', message: 'Unknown interest.' }]);
    expect((await patch({ status: 'SUSPENDED' })).json.error.fields).toEqual([{ path: 'statusReason', message: expect.any(String) }]);
    expect((await patch({ status: 'ACTIVE', statusReason: 'Nothing changes.' })).json.error.code).toBe('INVALID_STATUS_CHANGE');
    expect((await patch({ status: 'PAUSED', statusReason: 'No such status.' })).status).toBe(400);
    expect((await patch({ address: { street: 'ul. Nowa 1', postalCode: '50001', city: 'Wrocław' } })).json.error.fields).toEqual([
      { path: 'address.voivodeship', message: expect.any(String) },
      { path: 'address.postalCode', message: expect.any(String) },
    ]);
    expect((await patch({ version: 1 })).status).toBe(400);
    expect((await patch({ name: 'Nazwa ze starej wersji', version: 7 })).json.error.code).toBe('MEMBER_CHANGED');
    expect((await patch({ name: 'Nazwa przeglądającego' }, 'viewer')).status).toBe(403);
    expect((await api.call('PATCH', '/admin/members/no-such-member', { ...admin, json: { name: 'Nowa nazwa' } })).status).toBe(404);

    expect((await patch({ status: 'LEFT', statusReason: 'Resigned by letter of 3 March.' })).status).toBe(200);
    const suspendLeft = await patch({ status: 'SUSPENDED', statusReason: 'Unpaid fee.' });
    expect(suspendLeft.status).toBe(409);
    expect(suspendLeft.json.error).toMatchObject({ code: 'INVALID_STATUS_CHANGE', fields: [{ path: 'status', message: 'From LEFT: ACTIVE.' }] });
    const detail = await member(memberId);
    expect(detail.member).toMatchObject({ status: 'LEFT', statusReason: 'Resigned by letter of 3 March.', version: 2 });
    // Nothing refused was written.
    expect((await auditOf(memberId)).map((entry) => entry.action)).toEqual(['member.status']);
  });

  it('a suspended member’s contacts receive no member communications, but transactional mail still goes; reactivation restores them', async () => {
    const { memberId, email } = await approvedMember(api.call, { type: 'ngo', interests: ['green_skills'] });
    const deps = memberDependencies;
    expect((await memberRecipients(memberId, 'events', deps)).map((recipient) => recipient.email)).toEqual([email]);

    const suspended = await api.call('PATCH', `/admin/members/${memberId}`, { ...admin, json: { status: 'SUSPENDED', statusReason: 'Membership fee unpaid for 2026.' } });
    expect(suspended.status).toBe(200);
    expect(suspended.json.counts).toMatchObject({ receivingEvents: 0, receivingGrants: 0 });
    expect(await memberRecipients(memberId, 'events', deps)).toEqual([]);
    expect(await memberRecipients(memberId, 'grants', deps)).toEqual([]);
    // Out of the active lists (status index and interest items moved with it), into the suspended ones.
    const active = await api.call('GET', '/admin/members?interest=green_skills&limit=100', { role: 'viewer' });
    expect(active.json.items.map((entry: { memberId: string }) => entry.memberId)).not.toContain(memberId);
    const suspendedList = await api.call('GET', '/admin/members?status=SUSPENDED&interest=green_skills&limit=100', { role: 'viewer' });
    expect(suspendedList.json.items.map((entry: { memberId: string }) => entry.memberId)).toContain(memberId);
    let cursor: string | undefined;
    const audience: string[] = [];
    do {
      const page = await audiencePage({ interests: ['green_skills'] }, { limit: 50, ...(cursor ? { cursor } : {}) }, deps);
      audience.push(...page.members.map((entry) => entry.memberId));
      cursor = page.cursor;
    } while (cursor);
    expect(audience).not.toContain(memberId);

    // Transactional mail still goes: a new contact's confirmation link arrives.
    const colleague = newContact();
    expect((await api.call('POST', `/admin/members/${memberId}/contacts`, { ...admin, json: colleague })).status).toBe(201);
    expect(await confirmationLink(colleague.email)).toMatch(/^\/contacts\/confirm\//);

    expect((await api.call('PATCH', `/admin/members/${memberId}`, { ...admin, json: { status: 'ACTIVE', statusReason: 'Fee paid.' } })).status).toBe(200);
    expect((await memberRecipients(memberId, 'grants', deps)).map((recipient) => recipient.email)).toEqual([email]);
  });

  it('two concurrent PATCHes of one member are both applied or one is refused with 409: never one silently lost', async () => {
    const { memberId } = await approvedMember(api.call, { interests: ['it'] });
    for (let round = 0; round < 4; round += 1) {
      const name = `Szkoła runda ${round} ${Math.random().toString(36).slice(2, 6)}`;
      const interests = round % 2 === 0 ? ['languages', 'it'] : ['entrepreneurship'];
      const [renamed, refocused] = await Promise.all([
        api.call('PATCH', `/admin/members/${memberId}`, { ...admin, json: { name } }),
        api.call('PATCH', `/admin/members/${memberId}`, { ...admin, json: { interests } }),
      ]);
      expect([renamed.status, refocused.status].sort()).toEqual(expect.arrayContaining([200]));
      for (const answer of [renamed, refocused]) {
        expect([200, 409]).toContain(answer.status);
        if (answer.status === 409) expect(answer.json.error.code).toBe('MEMBER_CHANGED');
      }
      const stored = (await member(memberId)).member;
      if (renamed.status === 200) expect(stored.name).toBe(name);
      if (refocused.status === 200) expect(stored.interests).toEqual(interests);
      const interestItems = (await partition(storedKeys.memberPartition(memberId))).filter((entry) => entry.entity === 'MEMBER_INTEREST');
      expect(interestItems.map((entry) => entry.interest).sort()).toEqual([...stored.interests].sort());
      expect(new Set(interestItems.map((entry) => entry.name))).toEqual(new Set([stored.name]));
    }
  });
});

describe('contacts and their confirmation', () => {
  it('an added contact is unconfirmed until its address confirms itself: GET changes nothing, POST confirms, once', async () => {
    const { memberId } = await approvedMember(api.call);
    const colleague = newContact({ email: uniqueEmail('Mixed.Case') });
    const added = await api.call('POST', `/admin/members/${memberId}/contacts`, { ...admin, json: colleague });
    expect(added.status).toBe(201);
    const contactId = added.json.contactId as string;
    expect(contactBy(added.json, colleague.email)).toMatchObject({ contactId, status: 'UNCONFIRMED', primary: false, receives: ['events', 'grants'], confirmBy: expect.any(String), addedBy: 'office' });
    expect(added.json.member.contactCount).toBe(1);
    expect(added.json.counts).toMatchObject({ contacts: 2, unconfirmed: 1, pendingAdditions: 1, receivingEvents: 1 });
    const stored = await item(storedKeys.memberContact(memberId, contactId));
    expect(stored).toMatchObject({ status: 'UNCONFIRMED', gsi2pk: `CONTACT#${colleague.email.toLowerCase()}`, expiresAt: expect.any(Number) });
    expect((await memberRecipients(memberId, 'events', memberDependencies)).map((recipient) => recipient.contactId)).not.toContain(contactId);
    expect(await recipientRepository.state(colleague.email)).toBeDefined();

    const link = await confirmationLink(colleague.email.toLowerCase());
    const [email] = await waitForEmails(colleague.email.toLowerCase(), 1);
    expect(email!.subject).toContain('Confirm your email');
    const opened = await Promise.all([api.call('GET', link), api.call('GET', link)]);
    expect(opened.map((answer) => answer.status)).toEqual([200, 200]);
    expect(opened[0]!.text).toContain('<html lang="en">');
    expect(opened[0]!.text).toMatch(/<form method="post" action="\/contacts\/confirm\/[\w-]+"><button type="submit">Confirm my email address<\/button>/);
    expect(await item(storedKeys.memberContact(memberId, contactId))).toMatchObject({ status: 'UNCONFIRMED' });
    expect(await item({ pk: `CONFIRM#${hashToken(tokenOf(link))}`, sk: 'CONFIRM' })).not.toHaveProperty('usedAt');

    const [first, second] = await Promise.all([api.call('POST', link, { form: {} }), api.call('POST', link, { form: {} })]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([first.text, second.text].some((text) => text.includes('Email confirmed'))).toBe(true);
    const confirmed = await item(storedKeys.memberContact(memberId, contactId));
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', confirmedAt: expect.any(String) });
    expect(confirmed).not.toHaveProperty('expiresAt');
    expect(confirmed).not.toHaveProperty('confirmBy');
    expect((await api.call('POST', link, { form: {} })).text).toContain('Email already confirmed');
    const detail = await member(memberId);
    expect(detail.member.contactCount).toBe(2);
    expect(detail.counts).toMatchObject({ contacts: 2, confirmed: 2, pendingAdditions: 0, receivingEvents: 2, receivingGrants: 2 });
    expect((await memberRecipients(memberId, 'grants', memberDependencies)).map((recipient) => recipient.contactId)).toContain(contactId);

    expect((await api.call('GET', '/contacts/confirm/made-up-token-that-never-existed')).status).toBe(404);
    expect((await api.call('POST', '/contacts/confirm/made-up-token-that-never-existed', { form: {} })).status).toBe(404);
  });

  it('an expired link confirms nothing, and the unconfirmed addition is gone', async () => {
    const { memberId } = await approvedMember(api.call);
    const colleague = newContact({ language: 'pl' });
    const eightDaysAgo = fixedClock(new Date(Date.now() - 8 * 86_400_000));
    await addContact(memberId, { ...colleague, language: 'pl' }, office, { ...memberDependencies, clock: eightDaysAgo });
    const link = await confirmationLink(colleague.email);
    const page = await api.call('GET', link);
    expect(page.status).toBe(410);
    expect(page.text).toContain('Link wygasł');
    const pressed = await api.call('POST', link, { form: {} });
    expect(pressed.status).toBe(410);
    const detail = await member(memberId);
    expect(detail.contacts.map((contact: { email: string }) => contact.email)).not.toContain(colleague.email);
    expect(detail.counts.contacts).toBe(1);
    // The same address may be added again.
    expect((await api.call('POST', `/admin/members/${memberId}/contacts`, { ...admin, json: colleague })).status).toBe(201);
  });

  it('refuses a duplicate address within a member (any case), removing the last or the primary contact, and making an unconfirmed addition primary', async () => {
    const { memberId, email } = await approvedMember(api.call);
    const duplicate = await api.call('POST', `/admin/members/${memberId}/contacts`, { ...admin, json: newContact({ email: email.toUpperCase() }) });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error).toMatchObject({ code: 'DUPLICATE_CONTACT_EMAIL', fields: [{ path: 'email', message: expect.any(String) }] });
    const primaryId = (await member(memberId)).contacts[0].contactId as string;
    const last = await api.call('DELETE', `/admin/members/${memberId}/contacts/${primaryId}`, admin);
    expect(last.status).toBe(409);
    expect(last.json.error.code).toBe('LAST_CONTACT');

    const colleague = newContact();
    const added = await api.call('POST', `/admin/members/${memberId}/contacts`, { ...admin, json: colleague });
    const contactId = added.json.contactId as string;
    const early = await api.call('PATCH', `/admin/members/${memberId}/contacts/${contactId}`, { ...admin, json: { primary: true } });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe('CONTACT_NOT_CONFIRMED');
    // An unconfirmed addition does not count as the contact a member keeps.
    expect((await api.call('DELETE', `/admin/members/${memberId}/contacts/${primaryId}`, admin)).json.error.code).toBe('LAST_CONTACT');
    await api.call('POST', await confirmationLink(colleague.email), { form: {} });
    const primary = await api.call('DELETE', `/admin/members/${memberId}/contacts/${primaryId}`, admin);
    expect(primary.json.error.code).toBe('PRIMARY_CONTACT');
    const sameAsOther = await api.call('PATCH', `/admin/members/${memberId}/contacts/${contactId}`, { ...admin, json: { email } });
    expect(sameAsOther.json.error.code).toBe('DUPLICATE_CONTACT_EMAIL');
    expect((await api.call('DELETE', `/admin/members/${memberId}/contacts/no-such-contact`, admin)).status).toBe(404);
    expect((await api.call('PATCH', `/admin/members/${memberId}/contacts/${contactId}`, { ...admin, json: { primary: false } })).status).toBe(400);
    expect((await api.call('PATCH', `/admin/members/${memberId}/contacts/${contactId}`, { ...admin, json: { receives: ['events', 'events'] } })).status).toBe(400);

    // Making the colleague primary takes it from the first contact, which may then be removed.
    const promoted = await api.call('PATCH', `/admin/members/${memberId}/contacts/${contactId}`, { ...admin, json: { primary: true } });
    expect(promoted.status).toBe(200);
    expect(promoted.json.contacts.map((contact: { contactId: string; primary: boolean }) => [contact.contactId, contact.primary])).toEqual([
      [contactId, true],
      [primaryId, false],
    ]);
    const removed = await api.call('DELETE', `/admin/members/${memberId}/contacts/${primaryId}`, admin);
    expect(removed.status).toBe(200);
    expect(removed.json.member.contactCount).toBe(1);
    expect(await item(storedKeys.memberContact(memberId, primaryId))).toBeUndefined();
    expect(await memberDependencies.store.contactsWithAddress(email)).toEqual([]);
    const actions = (await auditOf(memberId)).map((entry) => entry.action).sort();
    expect(actions).toEqual(['contact.add', 'contact.make-primary', 'contact.remove']);
    // The audit log names people by ids, never by address or name.
    const log = JSON.stringify(await auditOf(memberId));
    expect(log).not.toContain(email);
    expect(log).not.toContain(colleague.email);
    expect(log).not.toContain(colleague.name);
  });

  it('a changed address is unconfirmed (no member communications) until it confirms itself; the old address is told', async () => {
    const { memberId, email } = await approvedMember(api.call, { language: 'en' });
    const primaryId = (await member(memberId)).contacts[0].contactId as string;
    const newAddress = uniqueEmail('new-director');
    const changed = await api.call('PATCH', `/admin/members/${memberId}/contacts/${primaryId}`, { ...admin, json: { email: newAddress, role: 'Dyrektor', receives: ['grants'] } });
    expect(changed.status).toBe(200);
    expect(contactBy(changed.json, newAddress)).toMatchObject({ contactId: primaryId, status: 'UNCONFIRMED', primary: true, receives: ['grants'] });
    expect(contactBy(changed.json, newAddress)).not.toHaveProperty('confirmBy');
    expect(changed.json.member.contactCount).toBe(1);
    expect(await memberRecipients(memberId, 'grants', memberDependencies)).toEqual([]);

    const [notice] = await waitForEmails(email, 1, 10_000, (sent) => sent.subject.includes('Contact email address changed'));
    expect(notice!.body.text).not.toContain(newAddress);
    const link = await confirmationLink(newAddress);
    expect((await api.call('POST', link, { form: {} })).status).toBe(200);
    expect((await memberRecipients(memberId, 'grants', memberDependencies)).map((recipient) => recipient.email)).toEqual([newAddress]);
    expect(await memberRecipients(memberId, 'events', memberDependencies)).toEqual([]);
    expect(await memberDependencies.store.contactsWithAddress(email)).toEqual([]);
    expect(await memberDependencies.store.contactsWithAddress(newAddress)).toEqual([{ memberId, contactId: primaryId }]);

    // A link for an address the contact no longer has confirms nothing.
    const third = uniqueEmail('third');
    await api.call('PATCH', `/admin/members/${memberId}/contacts/${primaryId}`, { ...admin, json: { email: third } });
    const stale = await confirmationLink(third);
    await api.call('PATCH', `/admin/members/${memberId}/contacts/${primaryId}`, { ...admin, json: { email: uniqueEmail('fourth') } });
    expect((await api.call('POST', stale, { form: {} })).status).toBe(410);
    // Nothing to resend to a confirmed address; a new link for an unconfirmed one.
    const resent = await api.call('PATCH', `/admin/members/${memberId}/contacts/${primaryId}`, { ...admin, json: { resendConfirmation: true } });
    expect(resent.status).toBe(200);
    // The unconfirmed third address was never told of the change away from it.
    expect((await queuedMessagesTo(third)).map((message) => message.template)).toEqual(['contact-confirmation']);
  });

  it('two administrators adding the same address at once add it once', async () => {
    const { memberId } = await approvedMember(api.call);
    const colleague = newContact();
    const answers = await Promise.all([1, 2, 3].map(() => api.call('POST', `/admin/members/${memberId}/contacts`, { ...admin, json: colleague })));
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
    for (const answer of answers.filter((one) => one.status !== 201)) expect(['DUPLICATE_CONTACT_EMAIL', 'MEMBER_CHANGED']).toContain(answer.json.error.code);
    expect((await member(memberId)).contacts.filter((contact: { email: string }) => contact.email === colleague.email)).toHaveLength(1);
    expect(await queuedMessagesTo(colleague.email)).toHaveLength(1);
  });
});

describe('finding members', () => {
  it('?q= finds a member by the start of its name or a word of it, its NIP, or a contact’s address, through lookup items', async () => {
    const marker = Math.random().toString(36).slice(2, 8);
    const nip = validNip();
    const { memberId, email } = await approvedMember(api.call, { name: `Łódzka Akademia ${marker}`, nip, type: 'university' });
    const find = async (q: string, extra = '') => (await api.call('GET', `/admin/members?q=${encodeURIComponent(q)}${extra}`, { role: 'viewer' })).json.items.map((entry: { memberId: string }) => entry.memberId);
    expect(await find('lodzka akad')).toContain(memberId);
    expect(await find('Łódzka')).toContain(memberId);
    expect(await find(marker.slice(0, 4))).toContain(memberId);
    expect(await find(`${nip.slice(0, 3)}-${nip.slice(3, 6)}`)).toContain(memberId);
    expect(await find(email.slice(0, 12))).toContain(memberId);
    expect(await find(email.slice(0, 12), '&status=SUSPENDED')).not.toContain(memberId);
    expect(await find(marker, '&type=university')).toContain(memberId);

    await api.call('PATCH', `/admin/members/${memberId}`, { ...admin, json: { name: `Uczelnia Nowa ${marker}x` } });
    expect(await find('lodzka akad')).not.toContain(memberId);
    expect(await find(`uczelnia nowa ${marker}`)).toContain(memberId);
    const colleague = newContact({ email: uniqueEmail(`q${marker}`) });
    await api.call('POST', `/admin/members/${memberId}/contacts`, { ...admin, json: colleague });
    expect(await find(`q${marker}`)).toContain(memberId);
    const contactId = contactBy(await member(memberId), colleague.email).contactId;
    await api.call('DELETE', `/admin/members/${memberId}/contacts/${contactId}`, admin);
    expect(await find(`q${marker}`)).not.toContain(memberId);

    expect((await api.call('GET', '/admin/members?q=a', { role: 'viewer' })).status).toBe(400);
    expect((await api.call('GET', '/admin/members?q=ab&cursor=e30', { role: 'viewer' })).status).toBe(400);
  });

  it.each(['changed', 'migrated'] as const)('a member stored before member upkeep (no version, lookups or counts) is %s, and from then on found', async (variant) => {
    const memberId = `legacy-${Math.random().toString(36).slice(2, 10)}`;
    const name = `Stara Szkoła ${memberId}`;
    const joinedAt = new Date().toISOString();
    const put = (Item: Record<string, unknown>) => documentClient.send(new PutCommand({ TableName: config.TABLE_NAME, Item }));
    const summary = { memberId, name, type: 'school', country: 'PL', status: 'ACTIVE', interests: ['it'], joinedAt };
    await put({
      ...storedKeys.member(memberId),
      entity: 'MEMBER',
      ...summary,
      organisationIdentity: `PL-NIP-${validNip()}`,
      address: { street: 'ul. Stara 1', postalCode: '50-001', city: 'Wrocław', voivodeship: 'dolnoslaskie' },
      language: 'pl',
      applicationId: 'legacy-application',
      gsi1pk: 'MEMBERS#ACTIVE',
      gsi1sk: `school#${name.toLowerCase()}#${memberId}`,
    });
    const email = uniqueEmail('legacy');
    await put({ ...storedKeys.memberContact(memberId, 'c1'), entity: 'CONTACT', contactId: 'c1', memberId, name: 'Jan Stary', email, phone: '+48 71 000 00 00', role: 'Dyrektor', language: 'pl', primary: true, createdAt: joinedAt, gsi2pk: `CONTACT#${email}`, gsi2sk: `MEMBER#${memberId}` });
    await put({ ...storedKeys.memberInterest(memberId, 'it'), entity: 'MEMBER_INTEREST', interest: 'it', ...summary, gsi2pk: 'INTEREST#it', gsi2sk: `ACTIVE#school#x#${memberId}` });

    expect((await member(memberId)).member).toMatchObject({ version: 0, contactCount: 1 });
    expect((await memberRecipients(memberId, 'events', memberDependencies)).map((recipient) => recipient.email)).toEqual([email]);
    const search = async (q: string) => (await api.call('GET', `/admin/members?q=${encodeURIComponent(q)}`, { role: 'viewer' })).json.items;
    expect(await search(email)).toEqual([]);

    if (variant === 'migrated') {
      const first = await memberLookups.run();
      expect(first.changed).toBeGreaterThanOrEqual(1);
      expect((await member(memberId)).member).toMatchObject({ version: 1, contactCount: 1 });
      // Idempotent: the second run finds nothing left to do for it.
      await memberLookups.run();
      expect((await member(memberId)).member.version).toBe(1);
    } else {
      const changed = await api.call('PATCH', `/admin/members/${memberId}`, { ...admin, json: { interests: ['it', 'languages'], version: 0 } });
      expect(changed.status).toBe(200);
      expect(changed.json.member).toMatchObject({ version: 1, interests: ['it', 'languages'] });
      expect((await partition(storedKeys.memberPartition(memberId))).filter((entry) => entry.entity === 'MEMBER_INTEREST').map((entry) => entry.contactCount)).toEqual([1, 1]);
    }
    expect(await search(email)).toEqual([expect.objectContaining({ memberId, contactCount: 1 })]);
    expect(await search(name.slice(0, 11))).toContainEqual(expect.objectContaining({ memberId }));
  });
});

describe('the sample events in events/http', () => {
  const sampleMember = '0f8e2b9c-3a1d-4e5f-8a7b-000000000101';
  const sampleContact = '0f8e2b9c-3a1d-4e5f-8a7b-000000000201';
  /** A sample as `npm run invoke` reads it, for the member and contact of the previous steps. */
  const invoke = async (name: string, ids: { memberId?: string; contactId?: string } = {}, sample = name) => {
    const text = readFileSync(`events/http/${sample}.json`, 'utf8').replaceAll(sampleMember, ids.memberId ?? sampleMember).replaceAll(sampleContact, ids.contactId ?? sampleContact);
    const answer = (await invokeFunction(manifest.find((fn) => fn.name === name)!, JSON.parse(text))) as { statusCode: number; body: string };
    return { status: answer.statusCode, body: answer.body, json: () => JSON.parse(answer.body) };
  };

  it('read, search, suspend, add a contact, make it primary and remove the first one, as npm run invoke runs them', async () => {
    const { memberId } = await approvedMember(api.call, { name: `Zespół Szkół Próbnych ${Math.random().toString(36).slice(2, 6)}` });
    expect((await invoke('get-member', { memberId })).status).toBe(200);
    expect((await invoke('list-members', {}, 'list-members-admin')).json().items.map((entry: { memberId: string }) => entry.memberId)).toContain(memberId);
    expect((await invoke('list-members', {}, 'search-members-admin')).json().items.map((entry: { memberId: string }) => entry.memberId)).toContain(memberId);
    expect((await invoke('update-member', { memberId })).json().member).toMatchObject({ status: 'SUSPENDED', version: 2 });
    const added = await invoke('add-contact', { memberId });
    expect(added.status, added.body).toBe(201);
    const contactId = added.json().contactId as string;
    const firstId = added.json().contacts.find((contact: { primary: boolean }) => contact.primary).contactId as string;
    await api.call('POST', await confirmationLink('tomasz.nowak@szkola.example.pl'), { form: {} });
    expect((await invoke('update-contact', { memberId, contactId })).json().contacts[0]).toMatchObject({ contactId, primary: true });
    expect((await invoke('remove-contact', { memberId, contactId: firstId })).json().contacts.map((contact: { contactId: string }) => contact.contactId)).toEqual([contactId]);
    for (const page of ['contact-confirmation-page', 'confirm-contact', 'colleagues-page', 'add-colleague']) {
      const answer = await invoke(page);
      expect(answer.status, page).toBe(404);
      expect(answer.body).toMatch(/^<!doctype html>/);
    }
  });
});
