import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { applicationRepository } from '../../shared/adapters/dynamo/application-repository.js';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { getMember, listMembers } from '../../shared/adapters/dynamo/member-repository.js';
import { outboxRepository } from '../../shared/adapters/dynamo/outbox-repository.js';
import { shardOf } from '../../shared/adapters/dynamo/outbox-index.js';
import { recipientRepository } from '../../shared/adapters/dynamo/recipient-repository.js';
import { tableSendRateLimiter } from '../../shared/adapters/dynamo/send-rate-limiter.js';
import { config } from '../../shared/config.js';
import type { Application } from '../../shared/domain/applications/application.js';
import { auditEntry, type AuditEntry } from '../../shared/domain/audit/audit-entry.js';
import type { NewMessage } from '../../shared/domain/mail/outbox-message.js';
import { memberFromApplication, type Contact, type Member } from '../../shared/domain/members/member.js';
import { templates } from '../../shared/email/templates/index.js';
import { hashToken } from '../../shared/platform/ids.js';
import { preferencesLinkToken } from '../../shared/platform/link-tokens.js';
import { uniqueEmail } from '../support/mailbox.js';
import { validNip } from '../support/organisations.js';
import { storedKeys } from '../support/stored-keys.js';

/**
 * Items in deployed tables (and in `.local/dynamodb` folders) were written by
 * the repositories before ElectroDB. These are those writers, copied from the
 * repositories as they were (commit ede8b2f): the items they made must read
 * and change through today's repositories, and today's writes must produce
 * the same items, plus only the attributes ElectroDB adds.
 */
const sortName = (name: string) =>
  name
    .toLowerCase()
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/#/g, ' ')
    .slice(0, 60);
const lower = (email: string) => email.trim().toLowerCase();
const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

const before = {
  application(application: Application, expiresAt?: number) {
    const at = application.status === 'SUBMITTED' ? application.submittedAt! : application.decidedAt ?? application.createdAt;
    return {
      pk: `APPLICATION#${application.applicationId}`,
      sk: 'APPLICATION',
      entity: 'APPLICATION',
      ...application,
      gsi1pk: `APPLICATIONS#${application.status}`,
      gsi1sk: `${at}#${application.applicationId}`,
      gsi2pk: 'APPLICATIONS',
      gsi2sk: `${application.createdAt}#${application.applicationId}`,
      ...(expiresAt ? { expiresAt } : {}),
    };
  },
  organisationLock: (identity: string, owner: string, ownerKind: string, expiresAt?: number) => ({
    pk: `ORGANISATION#${identity}`,
    sk: 'LOCK',
    entity: 'ORGANISATION_LOCK',
    owner,
    ownerKind,
    ...(expiresAt ? { expiresAt } : {}),
  }),
  verification: (tokenHash: string, applicationId: string, expiresAt: Date) => ({
    pk: `VERIFY#${tokenHash}`,
    sk: 'VERIFY',
    entity: 'VERIFICATION',
    applicationId,
    language: 'pl',
    expiresAtIso: expiresAt.toISOString(),
    expiresAt: epochSeconds(expiresAt) + 30 * 86_400,
  }),
  idempotency: (key: string, requestHash: string, applicationId: string, expiresAt: number) => ({
    pk: `IDEMPOTENCY#applications#${key}`,
    sk: 'IDEMPOTENCY',
    entity: 'IDEMPOTENCY',
    key,
    requestHash,
    answer: { applicationId, status: 'PENDING_VERIFICATION' },
    expiresAt,
  }),
  member: (member: Member) => ({
    pk: `MEMBER#${member.memberId}`,
    sk: 'MEMBER',
    entity: 'MEMBER',
    ...member,
    gsi1pk: `MEMBERS#${member.status}`,
    gsi1sk: `${member.type}#${sortName(member.name)}#${member.memberId}`,
  }),
  contact: (contact: Contact) => ({
    pk: `MEMBER#${contact.memberId}`,
    sk: `CONTACT#${contact.contactId}`,
    entity: 'CONTACT',
    ...contact,
    gsi2pk: `CONTACT#${lower(contact.email)}`,
    gsi2sk: `MEMBER#${contact.memberId}`,
  }),
  memberInterest: (member: Member, interest: string) => ({
    pk: `MEMBER#${member.memberId}`,
    sk: `INTEREST#${interest}`,
    entity: 'MEMBER_INTEREST',
    interest,
    memberId: member.memberId,
    name: member.name,
    type: member.type,
    country: member.country,
    status: member.status,
    interests: member.interests,
    joinedAt: member.joinedAt,
    gsi2pk: `INTEREST#${interest}`,
    gsi2sk: `${member.status}#${member.type}#${sortName(member.name)}#${member.memberId}`,
  }),
  audit: (entry: AuditEntry) => ({ pk: `AUDIT#${entry.at.slice(0, 10)}`, sk: `${entry.at}#${entry.auditId}`, entity: 'AUDIT', ...entry }),
  outbox: (message: NewMessage & { messageId: string }, createdAt: string) => ({
    pk: `OUTBOX#${message.messageId}`,
    sk: 'OUTBOX',
    entity: 'OUTBOX',
    ...message,
    to: lower(message.to),
    category: templates[message.template].category,
    status: 'PENDING',
    attempts: 0,
    createdAt,
    dueAt: createdAt,
    gsi1pk: 'OUTBOX#PENDING',
    gsi1sk: `${createdAt}#${message.messageId}`,
  }),
  preferences: (email: string, tokenHash: string, updatedAt: string, unsubscribed: string[] = []) => ({
    pk: `RECIPIENT#${lower(email)}`,
    sk: 'PREFERENCES',
    entity: 'PREFERENCES',
    email: lower(email),
    tokenHash,
    lang: 'en',
    unsubscribed,
    updatedAt,
    gsi2pk: `PREFTOKEN#${tokenHash}`,
    gsi2sk: 'PREFERENCES',
  }),
  preferencesLink: (email: string, tokenHash: string) => ({
    pk: `RECIPIENT#${lower(email)}`,
    sk: 'LINK#LEGACY',
    entity: 'PREFERENCES_LINK',
    email: lower(email),
    gsi2pk: `PREFTOKEN#${tokenHash}`,
    gsi2sk: 'LINK',
  }),
  suppression: (email: string, reason: string, detail: string, suppressedAt: string) => ({
    pk: `RECIPIENT#${lower(email)}`,
    sk: 'SUPPRESSION',
    entity: 'SUPPRESSION',
    email: lower(email),
    reason,
    detail,
    suppressedAt,
  }),
  rateWindow: (second: number, sent: number) => ({ pk: 'RATE#mail', sk: String(second), entity: 'RATE_WINDOW', sent, expiresAt: second + 3600 }),
};

const put = (Item: Record<string, unknown>) => documentClient.send(new PutCommand({ TableName: config.TABLE_NAME, Item }));
const stored = async (key: { pk: string; sk: string }) =>
  (await documentClient.send(new GetCommand({ TableName: config.TABLE_NAME, Key: key, ConsistentRead: true }))).Item;

function anApplication(at: Date, overrides: Partial<Application> = {}): Application {
  const consent = (accepted: boolean) => ({ accepted, at: at.toISOString(), textVersion: '2026-11', lang: 'pl' as const });
  const nip = validNip();
  return {
    applicationId: randomUUID(),
    status: 'PENDING_VERIFICATION',
    organisation: {
      name: `Łódzka Szkoła ${randomUUID().slice(0, 6)}`,
      type: 'school',
      country: 'PL',
      nip,
      regon: undefined,
      krs: undefined,
      registryNumber: undefined,
      address: { street: 'ul. Kuźnicza 10', postalCode: '50-138', city: 'Wrocław', voivodeship: 'dolnoslaskie' },
      website: 'https://szkola.example.pl',
    },
    contact: { name: 'Anna Kowalska', email: uniqueEmail('Legacy.Applicant'), phone: '+48 71 123 45 67', role: 'Dyrektor' },
    interests: ['it', 'tourism'],
    language: 'pl',
    consents: { statute: consent(true), dataProcessing: consent(true), marketing: consent(false) },
    organisationIdentity: `PL-NIP-${nip}`,
    createdAt: at.toISOString(),
    ...overrides,
  };
}

/** The item without what it never had (undefined values are not stored). */
const asStored = <T extends object>(value: T) => JSON.parse(JSON.stringify(value)) as T;

const message = (to: string, template: 'application-approved' | 'event-invitation' = 'application-approved'): NewMessage =>
  ({ to, lang: 'pl', template, data: templates[template].sample }) as NewMessage;

const actor = { subject: 'admin-1', email: 'admin@glokal.test' };

describe('items written before ElectroDB', () => {
  it('an application, its lock, verification and idempotency record read, list, verify and approve', async () => {
    const created = new Date(Date.now() - 60_000);
    const application = anApplication(created);
    const expires = new Date(created.getTime() + 7 * 86_400_000);
    const tokenHash = hashToken(`token-${application.applicationId}`);
    await put(before.application(application, epochSeconds(expires)));
    await put(before.organisationLock(application.organisationIdentity, application.applicationId, 'application', epochSeconds(expires)));
    await put(before.verification(tokenHash, application.applicationId, expires));
    const idempotencyKey = `key-${application.applicationId}`;
    await put(before.idempotency(idempotencyKey, 'request-hash', application.applicationId, epochSeconds(created) + 86_400));

    expect(await applicationRepository.get(application.applicationId)).toEqual(asStored(application));
    expect(await applicationRepository.verification(tokenHash)).toEqual({ applicationId: application.applicationId, language: 'pl', expiresAt: expires.toISOString() });
    expect(await applicationRepository.idempotentAnswer(idempotencyKey)).toEqual({
      key: idempotencyKey,
      requestHash: 'request-hash',
      answer: { applicationId: application.applicationId, status: 'PENDING_VERIFICATION' },
    });
    const listed = await applicationRepository.list({ status: 'PENDING_VERIFICATION', limit: 100, now: new Date() });
    expect(listed.items).toContainEqual(expect.objectContaining({ applicationId: application.applicationId, organisationName: application.organisation.name }));
    expect((await applicationRepository.list({ limit: 100, now: new Date() })).items.map((item) => item.applicationId)).toContain(application.applicationId);

    const submittedAt = new Date();
    const submitted: Application = { ...application, status: 'SUBMITTED', submittedAt: submittedAt.toISOString() };
    await applicationRepository.markSubmitted(submitted, tokenHash, submittedAt, []);
    expect(await stored(storedKeys.application(application.applicationId))).toMatchObject({
      status: 'SUBMITTED',
      gsi1pk: 'APPLICATIONS#SUBMITTED',
      gsi1sk: `${submitted.submittedAt}#${application.applicationId}`,
    });
    expect(await stored(storedKeys.application(application.applicationId))).not.toHaveProperty('expiresAt');
    expect(await stored(storedKeys.organisationLock(application.organisationIdentity))).not.toHaveProperty('expiresAt');
    expect(await stored(storedKeys.verification(tokenHash))).toMatchObject({ usedAt: submittedAt.toISOString() });
    expect((await applicationRepository.submittedBefore(new Date(Date.now() + 1000))).map((item) => item.applicationId)).toContain(application.applicationId);

    const decidedAt = new Date();
    const { member, contact } = memberFromApplication(submitted, { memberId: randomUUID(), contactId: randomUUID() }, decidedAt);
    const decided: Application = { ...submitted, status: 'APPROVED', decidedAt: decidedAt.toISOString(), decidedBy: actor.subject, memberId: member.memberId };
    const audit = auditEntry({ id: randomUUID(), at: decidedAt, actor, action: 'application.approve', target: `application/${application.applicationId}`, before: {}, after: {} });
    await applicationRepository.approve(submitted, decided, member, contact, message(contact.email), audit);
    expect(await stored(storedKeys.organisationLock(application.organisationIdentity))).toMatchObject({ owner: member.memberId, ownerKind: 'member' });
    expect(await applicationRepository.get(application.applicationId)).toMatchObject({ status: 'APPROVED', memberId: member.memberId });
    expect((await getMember(member.memberId))?.member).toEqual(asStored(member));
  });

  it('a member with its contacts and interests reads and lists', async () => {
    const application = anApplication(new Date());
    const { member, contact } = memberFromApplication(application, { memberId: randomUUID(), contactId: randomUUID() }, new Date());
    // Members and contacts stored before member upkeep had no version, count, confirmation state or choice of communications.
    const { version: _version, contactCount: _count, ...legacyMember } = member;
    const { receives: _receives, status: _status, addedBy: _addedBy, ...legacyContact } = contact;
    await put(before.member(legacyMember as typeof member));
    await put(before.contact(legacyContact as typeof contact));
    for (const interest of member.interests) await put(before.memberInterest(member, interest));

    // They read as version 0 with their one contact, verified with the application and receiving both kinds of member communications.
    expect(await getMember(member.memberId)).toEqual({
      member: asStored({ ...legacyMember, version: 0, contactCount: 1 }),
      contacts: [asStored({ ...legacyContact, receives: ['events', 'grants'], status: 'CONFIRMED' })],
    });
    const summary = { memberId: member.memberId, name: member.name, type: member.type, country: member.country, status: member.status, interests: member.interests, joinedAt: member.joinedAt, contactCount: 1 };
    expect((await listMembers({ status: 'ACTIVE', type: 'school', limit: 100 })).items).toContainEqual(summary);
    expect((await listMembers({ status: 'ACTIVE', interest: 'tourism', limit: 100 })).items).toContainEqual(summary);
  });

  it('an outbox message is due, claimed, finished and listed', async () => {
    const createdAt = new Date(Date.now() - 5000).toISOString();
    const queued = { ...message(uniqueEmail('legacy-outbox'), 'event-invitation'), messageId: randomUUID() };
    await put(before.outbox(queued, createdAt));

    expect(await outboxRepository.dueMessageIds(new Date(), 500)).toContain(queued.messageId);
    expect(await outboxRepository.oldestPending()).toBeDefined();
    const claimed = await outboxRepository.claim(queued.messageId, new Date(), 60_000);
    expect(claimed).toMatchObject({ messageId: queued.messageId, status: 'SENDING', attempts: 1, template: 'event-invitation', data: queued.data });
    await outboxRepository.finish(claimed!, { status: 'SENT', sesMessageId: 'ses-1', subject: 'Invitation' }, new Date());
    const sent = await stored(storedKeys.outboxMessage(queued.messageId));
    expect(sent).toMatchObject({ status: 'SENT', sesMessageId: 'ses-1', subject: 'Invitation' });
    // Delivered: out of the status index (see outbox-index.ts).
    expect(sent).not.toHaveProperty('gsi1pk');
    expect(sent).not.toHaveProperty('gsi1sk');
    expect(sent).not.toHaveProperty('data');
  });

  it('recipient preferences, a legacy link item and a suppression read and change', async () => {
    const email = uniqueEmail('Legacy.Recipient');
    const token = preferencesLinkToken(config.LINK_SIGNING_KEY!, lower(email));
    const updatedAt = new Date(Date.now() - 60_000).toISOString();
    await put(before.preferences(email, hashToken(token), updatedAt, ['events']));
    await put(before.suppression(email, 'Bounce', 'mailbox unknown', updatedAt));
    const oldLinkToken = `old-link-${randomUUID()}`;
    await put(before.preferencesLink(email, hashToken(oldLinkToken)));

    expect(await recipientRepository.state(email)).toEqual({ unsubscribed: ['events'], suppressed: { reason: 'Bounce', at: updatedAt }, preferencesTokenHash: hashToken(token) });
    const preferences = { email: lower(email), tokenHash: hashToken(token), lang: 'en', unsubscribed: ['events'], updatedAt };
    expect(await recipientRepository.findByToken(token)).toEqual(preferences);
    expect(await recipientRepository.findByToken(oldLinkToken)).toEqual(preferences);
    expect(await recipientRepository.preferencesToken(email, 'en')).toBe(token);
    const now = new Date();
    expect(await recipientRepository.setSubscribed(email, 'grants', false, now)).toEqual({ ...preferences, unsubscribed: ['events', 'grants'], updatedAt: now.toISOString() });
  });

  it('a send-rate window keeps counting', async () => {
    const second = Math.floor(Date.now() / 1000) + 10_000;
    await put(before.rateWindow(second, 2));
    await tableSendRateLimiter(3, () => second * 1000).acquire();
    expect(await stored(storedKeys.sendRateWindow(second))).toMatchObject({ sent: 3 });
  });
});

describe('items written today', () => {
  /** What ElectroDB adds to an item: its schema version, and the values its keys are made of. */
  const added = (extra: Record<string, unknown> = {}) => ({ schemaVersion: '1', ...extra });
  /** The address index (gsi3, issue 12): data subject requests find an item holding an address by key. */
  const addressIndexed = (address: string, sortKey: string) => ({ addressKey: lower(address), gsi3pk: `ADDRESS#${lower(address)}`, gsi3sk: sortKey });
  /** The audit log's actor and target indexes (issue 12). */
  const auditIndexed = (entry: AuditEntry) => ({
    actorSubject: entry.actor.subject,
    gsi1pk: `AUDIT_ACTOR#${entry.actor.subject}`,
    gsi1sk: `${entry.at}#${entry.auditId}`,
    gsi2pk: `AUDIT_TARGET#${entry.target}`,
    gsi2sk: `${entry.at}#${entry.auditId}`,
  });

  it('are the items the code before ElectroDB wrote, with the same keys', async () => {
    const at = new Date(Date.now() - 1000);
    const application = anApplication(at);
    const expiresAt = new Date(at.getTime() + 7 * 86_400_000);
    const tokenHash = hashToken(`token-${application.applicationId}`);
    const idempotency = { key: `key-${application.applicationId}`, requestHash: 'hash', answer: { applicationId: application.applicationId, status: 'PENDING_VERIFICATION' as const } };
    const verificationEmail = { ...message(application.contact.email), messageId: randomUUID() };
    await applicationRepository.create({ application, expiresAt, verificationTokenHash: tokenHash, message: verificationEmail, idempotency, now: at });

    expect(await stored(storedKeys.application(application.applicationId))).toEqual({
      ...asStored(before.application(application, epochSeconds(expiresAt))),
      ...added({ statusAt: application.createdAt, ...addressIndexed(application.contact.email, `APPLICATION#${application.createdAt}#${application.applicationId}`) }),
    });
    expect(await stored(storedKeys.organisationLock(application.organisationIdentity))).toEqual({
      ...before.organisationLock(application.organisationIdentity, application.applicationId, 'application', epochSeconds(expiresAt)),
      ...added({ organisationIdentity: application.organisationIdentity }),
    });
    expect(await stored(storedKeys.verification(tokenHash))).toEqual({ ...before.verification(tokenHash, application.applicationId, expiresAt), ...added({ tokenHash }) });
    expect(await stored(storedKeys.idempotency('applications', idempotency.key))).toEqual({
      ...before.idempotency(idempotency.key, 'hash', application.applicationId, epochSeconds(at) + 86_400),
      ...added({ scope: 'applications' }),
    });
    expect(await stored(storedKeys.outboxMessage(verificationEmail.messageId))).toEqual({
      ...asStored(before.outbox(verificationEmail, at.toISOString())),
      // New messages sit on one of the open statuses' shards of the status index (outbox-index.ts).
      ...added({ statusAt: at.toISOString(), statusPartition: `PENDING#${shardOf(verificationEmail.messageId)}`, gsi1pk: `OUTBOX#PENDING#${shardOf(verificationEmail.messageId)}`, ...addressIndexed(verificationEmail.to, `OUTBOX#${at.toISOString()}#${verificationEmail.messageId}`) }),
    });

    const submitted: Application = { ...application, status: 'SUBMITTED', submittedAt: new Date().toISOString() };
    await applicationRepository.markSubmitted(submitted, tokenHash, new Date(), []);
    const decidedAt = new Date();
    const { member, contact } = memberFromApplication(submitted, { memberId: randomUUID(), contactId: randomUUID() }, decidedAt);
    const decided: Application = { ...submitted, status: 'APPROVED', decidedAt: decidedAt.toISOString(), decidedBy: actor.subject, memberId: member.memberId };
    const audit = auditEntry({ id: randomUUID(), at: decidedAt, actor, action: 'application.approve', target: `application/${application.applicationId}`, before: { status: 'SUBMITTED' }, after: { status: 'APPROVED' } });
    await applicationRepository.approve(submitted, decided, member, contact, message(contact.email), audit);

    expect(await stored(storedKeys.application(application.applicationId))).toEqual({ ...asStored(before.application(decided)), ...added({ statusAt: decided.decidedAt, ...addressIndexed(decided.contact.email, `APPLICATION#${decided.createdAt}#${decided.applicationId}`) }) });
    expect(await stored(storedKeys.member(member.memberId))).toEqual({ ...asStored(before.member(member)), ...added({ sortName: sortName(member.name) }) });
    expect(await stored(storedKeys.memberContact(member.memberId, contact.contactId))).toEqual({ ...before.contact(contact), ...added({ emailKey: lower(contact.email) }) });
    for (const interest of member.interests) {
      expect(await stored(storedKeys.memberInterest(member.memberId, interest))).toEqual({ ...before.memberInterest(member, interest), ...added({ sortName: sortName(member.name), contactCount: 1 }) });
    }
    expect(await stored(storedKeys.audit(audit.at, audit.auditId))).toEqual({ ...before.audit(audit), ...added({ day: audit.at.slice(0, 10), ...auditIndexed(audit) }) });
  });

  it('recipient items and send-rate windows keep their keys', async () => {
    const email = uniqueEmail('Today.Recipient');
    const token = await recipientRepository.preferencesToken(email, 'en');
    const preferences = await stored(storedKeys.recipientPreferences(email));
    expect(preferences).toEqual({ ...before.preferences(email, hashToken(token), preferences!.updatedAt as string), ...added() });
    const suppressedAt = new Date();
    await recipientRepository.suppress(email, 'Complaint', 'abuse report', suppressedAt);
    expect(await stored(storedKeys.recipientSuppression(email))).toEqual({ ...before.suppression(email, 'Complaint', 'abuse report', suppressedAt.toISOString()), ...added() });

    const second = Math.floor(Date.now() / 1000) + 20_000;
    await tableSendRateLimiter(3, () => second * 1000).acquire();
    expect(await stored(storedKeys.sendRateWindow(second))).toEqual({ ...before.rateWindow(second, 1), ...added({ second }) });
  });
});
