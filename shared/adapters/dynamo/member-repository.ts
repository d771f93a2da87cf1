import type { EntityItem } from 'electrodb';
import {
  memberCommunications,
  summaryOf,
  type Contact,
  type Member,
  type MemberAggregate,
  type MemberSummary,
} from '../../domain/members/member.js';
import {
  MemberChanged,
  StaleConfirmation,
  type ColleagueLink,
  type ContactConfirmation,
  type MemberChange,
  type MemberDirectory,
  type MemberFilter,
  type MemberSearch,
  type MemberStore,
} from '../../domain/members/ports.js';
import type { Page } from '../../domain/page.js';
import { auditWrite } from './audit-log.js';
import { epochSeconds, normaliseEmail, sortName, tolerant } from './entities/common.js';
import { lookupBucket, type LookupKind } from './entities/member-lookup.js';
import { outboxPut } from './outbox-repository.js';
import { cursorFor } from './pagination.js';
import { glokal } from './service.js';
import { ConditionsFailed, writeTogether, type TransactionEntities } from './transaction.js';

export type { MemberFilter } from '../../domain/members/ports.js';

const { member: members, memberInterest, memberLookup, contact: contacts, contactConfirmation, colleagueLink } = glokal.entities;

/** A used or expired link keeps answering with its own page for a while before TTL removes it. */
const linkRecordDays = 30;

type StoredMember = EntityItem<typeof members>;
type StoredContact = EntityItem<typeof contacts>;

/** Members stored before versions and counts: version 0, and the one contact approval gave them. */
const toMember = (item: StoredMember): Member => ({ ...item, version: item.version ?? 0, contactCount: item.contactCount ?? 1 });

/** Contacts stored before confirmations and choices: verified with the application, receiving both. */
function toContact(item: StoredContact): Contact {
  const { expiresAt: _ttl, ...contact } = item;
  return { ...contact, receives: contact.receives ?? [...memberCommunications], status: contact.status ?? 'CONFIRMED' };
}

const toSummary = (item: Omit<MemberSummary, 'contactCount'> & { contactCount?: number }): MemberSummary => summaryOf({ ...item, contactCount: item.contactCount ?? 1 });

// ── Lookup items: what `?q=` finds a member by ──────────────────────────

/** Names compare as lists sort them (no case, no diacritics), spaces collapsed. */
const nameTerm = (text: string) => sortName(text).replace(/\s+/g, ' ').trim();
/** NIP and registry numbers compare as capital letters and digits: `526-000-12-46` is `5260001246`. */
const idTerm = (text: string) => text.toUpperCase().replace(/^PL(?=\d)/, '').replace(/[^A-Z0-9]/g, '');
const emailTerm = (text: string) => normaliseEmail(text);

const maxNameWords = 12;

interface Lookup {
  kind: LookupKind;
  term: string;
  contactId?: string;
  expiresAt?: number;
}

/** Every term a member is found by: its name, each word of it, its NIP or registry number, its contacts' addresses. */
export function lookupsOf(aggregate: MemberAggregate): Map<string, Lookup> {
  const lookups = new Map<string, Lookup>();
  const add = (lookup: Lookup) => {
    if (lookup.term.length >= 2) lookups.set(`${lookup.kind}#${lookup.term}`, lookup);
  };
  const name = nameTerm(aggregate.member.name);
  add({ kind: 'name', term: name });
  for (const word of [...new Set(name.split(/[^a-z0-9]+/))].slice(0, maxNameWords)) add({ kind: 'name', term: word });
  const identifier = aggregate.member.nip ?? aggregate.member.registryNumber;
  if (identifier) add({ kind: 'id', term: idTerm(identifier) });
  for (const contact of aggregate.contacts) {
    add({ kind: 'email', term: emailTerm(contact.email), contactId: contact.contactId, ...(contact.confirmBy ? { expiresAt: epochSeconds(new Date(contact.confirmBy)) } : {}) });
  }
  return lookups;
}

// ── The writes of a change ──────────────────────────────────────────────

export const interestItem = (member: Member, interest: Member['interests'][number]) => ({ interest, ...summaryOf(member) });

export const contactItem = (contact: Contact) => ({ ...contact, ...(contact.confirmBy ? { expiresAt: epochSeconds(new Date(contact.confirmBy)) } : {}) });

/**
 * The member, written whole (its status index keys move with it), only if
 * the stored version is still the one the change was made on.
 */
function memberWrite(tx: TransactionEntities, member: Member, readVersion: number) {
  return tx.member
    .put(member)
    .where((attribute, { eq, notExists }) => (readVersion === 0 ? notExists(attribute.version) : eq(attribute.version, readVersion)))
    .commit();
}

/** Interest items: removed interests deleted; every other one rewritten when the summary they carry changed (name, status, type, count…). */
function interestWrites(tx: TransactionEntities, before: Member, after: Member) {
  const summaryChanged = JSON.stringify(summaryOf(before)) !== JSON.stringify(summaryOf(after));
  return [
    ...before.interests.filter((interest) => !after.interests.includes(interest)).map((interest) => tx.memberInterest.delete({ memberId: after.memberId, interest }).commit()),
    ...after.interests
      .filter((interest) => summaryChanged || !before.interests.includes(interest) || before.version === 0)
      .map((interest) => tx.memberInterest.put(interestItem(after, interest)).commit()),
  ];
}

/** Contacts: new and changed ones written whole (their by-email index entry moves with the address), removed ones deleted. */
function contactWrites(tx: TransactionEntities, before: Contact[], after: Contact[]) {
  const previous = new Map(before.map((contact) => [contact.contactId, contact]));
  const kept = new Set(after.map((contact) => contact.contactId));
  return [
    ...before.filter((contact) => !kept.has(contact.contactId)).map((contact) => tx.contact.delete({ memberId: contact.memberId, contactId: contact.contactId }).commit()),
    ...after
      .filter((contact) => JSON.stringify(previous.get(contact.contactId)) !== JSON.stringify(contact))
      .map((contact) => tx.contact.put(contactItem(contact)).commit()),
  ];
}

/** Lookup items: terms no longer true deleted, new or changed ones written (all of them for a member stored before lookups existed). */
function lookupWrites(tx: TransactionEntities, before: MemberAggregate, after: MemberAggregate) {
  const previous = before.member.version === 0 ? new Map<string, Lookup>() : lookupsOf(before);
  const next = lookupsOf(after);
  const memberId = after.member.memberId;
  return [
    ...[...previous.entries()].filter(([key]) => !next.has(key)).map(([, lookup]) => tx.memberLookup.delete({ memberId, kind: lookup.kind, term: lookup.term }).commit()),
    ...[...next.entries()]
      .filter(([key, lookup]) => JSON.stringify(previous.get(key)) !== JSON.stringify(lookup))
      .map(([, lookup]) => tx.memberLookup.put({ memberId, ...lookup }).commit()),
  ];
}

const confirmationWrite = (tx: TransactionEntities, record: ContactConfirmation) =>
  tx.contactConfirmation
    .create({
      tokenHash: record.tokenHash,
      memberId: record.memberId,
      contactId: record.contactId,
      email: record.email,
      language: record.language,
      expiresAtIso: record.expiresAt,
      expiresAt: epochSeconds(new Date(record.expiresAt)) + linkRecordDays * 86_400,
    })
    .commit();

/**
 * The writes of a new member (approval): the member, its primary contact,
 * one item per interest (so "members interested in X" is a query, not a
 * scan), its lookup items, and the welcome email's colleague link, each
 * refused if it exists.
 */
export function newMemberWrites(tx: TransactionEntities, member: Member, contact: Contact, link?: ColleagueLink) {
  const aggregate = { member, contacts: [contact] };
  return {
    member: tx.member.create(member).commit(),
    contact: tx.contact.create(contactItem(contact)).commit(),
    memberInterests: member.interests.map((interest) => tx.memberInterest.create(interestItem(member, interest)).commit()),
    memberLookups: [...lookupsOf(aggregate).values()].map((lookup) => tx.memberLookup.create({ memberId: member.memberId, ...lookup }).commit()),
    colleagueLink:
      link &&
      tx.colleagueLink
        .create({
          tokenHash: link.tokenHash,
          memberId: link.memberId,
          contactId: link.contactId,
          expiresAtIso: link.expiresAt,
          expiresAt: epochSeconds(new Date(link.expiresAt)) + linkRecordDays * 86_400,
        })
        .commit(),
  };
}

// ── Reads ───────────────────────────────────────────────────────────────

/** Collection `memberWithContacts`: the member and its contacts in one (consistent) query over its partition. */
export async function getMember(memberId: string): Promise<MemberAggregate | undefined> {
  const { data } = await glokal.collections.memberWithContacts({ memberId }).go({ ...tolerant, pages: 'all', consistent: true });
  const [member] = data.member;
  if (!member) return undefined;
  return { member: toMember(member), contacts: data.contact.map(toContact) };
}

const toPage = (page: { data: Array<Omit<MemberSummary, 'contactCount'> & { contactCount?: number }>; cursor: string | null }): Page<MemberSummary> => ({
  items: page.data.map(toSummary),
  ...(page.cursor ? { nextCursor: page.cursor } : {}),
});

/** Access patterns `member.byStatus` (by type, then name) and `memberInterest.byInterest` (by status, type, name). */
export async function listMembers({ status, type, interest, limit, cursor }: MemberFilter): Promise<Page<MemberSummary>> {
  const byType = type ? { type } : {};
  if (interest !== undefined) {
    const query = memberInterest.query.byInterest({ interest, status, ...byType });
    return toPage(await query.go({ ...tolerant, limit, cursor: cursorFor(cursor, query) }));
  }
  const query = members.query.byStatus({ status, ...byType });
  return toPage(await query.go({ ...tolerant, limit, cursor: cursorFor(cursor, query) }));
}

/** Up to this many terms are read per kind; a prefix matching more is too short to be useful. */
const termsPerKind = 200;

/**
 * Access pattern `memberLookup.byTerm`: one query per kind of term (name,
 * identifier, address) for the terms starting with `q`, then the members
 * found, by key. Name matches come first, in name order.
 */
export async function searchMembers({ q, status, type, interest, limit }: MemberSearch): Promise<MemberSummary[]> {
  const now = epochSeconds(new Date());
  const kinds: Array<[LookupKind, string]> = [
    ['name', nameTerm(q)],
    ['id', idTerm(q)],
    ['email', emailTerm(q)],
  ];
  const found = await Promise.all(
    kinds
      .filter(([, term]) => term.length >= 2)
      .map(async ([kind, term]) => {
        const { data } = await memberLookup.query
          .byTerm({ kind, bucket: lookupBucket(term) })
          .begins({ termKey: term })
          .go({ ...tolerant, limit: termsPerKind });
        return data.filter((lookup) => lookup.expiresAt === undefined || lookup.expiresAt > now).map((lookup) => lookup.memberId);
      }),
  );
  const memberIds = [...new Set(found.flat())].slice(0, termsPerKind);
  if (memberIds.length === 0) return [];
  const { data } = await members.get(memberIds.map((memberId) => ({ memberId }))).go();
  const byId = new Map(data.map((item) => [item.memberId, toSummary(item)]));
  return memberIds
    .map((memberId) => byId.get(memberId))
    .filter((summary): summary is MemberSummary => summary !== undefined)
    .filter((summary) => (!status || summary.status === status) && (!type || summary.type === type) && (!interest || summary.interests.includes(interest)))
    .slice(0, limit);
}

/** Members, their contacts, confirmation and colleague links in the one table. */
export const memberRepository: MemberStore & MemberDirectory = {
  load: getMember,
  list: listMembers,
  search: searchMembers,

  async save({ before, after, confirmations = [], usedConfirmation, messages, audit, now }: MemberChange) {
    try {
      await writeTogether((tx) => ({
        member: memberWrite(tx, after.member, before.member.version),
        memberInterests: interestWrites(tx, before.member, after.member),
        contacts: contactWrites(tx, before.contacts, after.contacts),
        memberLookups: lookupWrites(tx, before, after),
        confirmations: confirmations.map((record) => confirmationWrite(tx, record)),
        usedConfirmation:
          usedConfirmation &&
          tx.contactConfirmation
            .update({ tokenHash: usedConfirmation.tokenHash })
            .set({ usedAt: usedConfirmation.usedAt })
            .where((attribute, { exists, notExists }) => `${exists(attribute.tokenHash)} AND ${notExists(attribute.usedAt)}`)
            .commit(),
        messages: messages.map((message) => outboxPut(tx, message, now)),
        auditEntry: audit && auditWrite(tx, audit),
      }));
    } catch (error) {
      if (error instanceof ConditionsFailed) {
        if (error.rejected('usedConfirmation')) throw new StaleConfirmation();
        if (error.rejected('member')) throw new MemberChanged();
      }
      throw error;
    }
  },

  async confirmation(tokenHash) {
    const { data } = await contactConfirmation.get({ tokenHash }).go({ consistent: true });
    if (!data) return undefined;
    return {
      tokenHash: data.tokenHash,
      memberId: data.memberId,
      contactId: data.contactId,
      email: data.email,
      language: data.language,
      expiresAt: data.expiresAtIso,
      ...(data.usedAt ? { usedAt: data.usedAt } : {}),
    };
  },

  async colleagueLink(tokenHash) {
    const { data } = await colleagueLink.get({ tokenHash }).go({ consistent: true });
    return data ? { tokenHash: data.tokenHash, memberId: data.memberId, contactId: data.contactId, expiresAt: data.expiresAtIso } : undefined;
  },

  /** Access pattern `contact.byEmail`. */
  async contactsWithAddress(email) {
    // Only the keys: the daily grant run asks this of every address it mails.
    const { data } = await contacts.query.byEmail({ emailKey: normaliseEmail(email) }).go({ ...tolerant, pages: 'all', attributes: ['memberId', 'contactId'] });
    return data.map((contact) => ({ memberId: contact.memberId, contactId: contact.contactId }));
  },
};
