import type { Contact, Member } from '../../domain/members/member.js';
import { contactItem, interestItem, lookupsOf } from './member-repository.js';
import { glokal } from './service.js';

/**
 * Many members at once, for demo data (`npm run seed`) and the volume tests
 * and bench: the member, its interest items, its lookup items (what the admin
 * search finds it by) and its contacts, as approval and member upkeep store
 * them, in batch writes instead of one transaction per member (thousands of
 * members through the API would take minutes). No audit entries: nobody
 * decided anything. A put of the same item twice is the same item, so writing
 * the same members again changes nothing.
 */
export interface MemberBatch {
  members: Member[];
  contacts: Contact[];
}

const { member: memberEntity, memberInterest, memberLookup, contact: contactEntity } = glokal.entities;

/** A batch put of the items; ElectroDB hands back the keys (composite attributes) of those it could not write. */
type Put<T, Key> = (batch: T[]) => Promise<{ unprocessed: Key[] }>;

/**
 * DynamoDB may hand some items of a batch write back unprocessed, and a busy
 * DynamoDB Local may not answer within the client's timeout: both are written
 * again, a group of 250 at a time so that a timed-out call repeats only its share.
 */
async function putAll<Key, T extends Key>(items: T[], put: Put<T, Key>, keyOf: (key: Key) => string): Promise<void> {
  for (let start = 0; start < items.length; start += 250) await putGroup(items.slice(start, start + 250), put, keyOf);
}

/** `keyOf` names an item by its key attributes, so the same function reads an item and an unprocessed key. */
async function putGroup<Key, T extends Key>(items: T[], put: Put<T, Key>, keyOf: (key: Key) => string): Promise<void> {
  let pending = items;
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    try {
      const { unprocessed } = await put(pending);
      const left = new Set(unprocessed.map(keyOf));
      pending = pending.filter((item) => left.has(keyOf(item)));
    } catch (error) {
      if (attempt >= 8) throw error;
    }
    if (pending.length > 0) {
      if (attempt >= 8) throw new Error(`${pending.length} items left unwritten after ${attempt} batch writes`);
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

/** Writes the members with their interest, lookup and contact items (25 items per batch write, two at a time: a burst times out DynamoDB Local on a busy machine). */
export async function writeMembers(batch: MemberBatch): Promise<void> {
  const contactsOf = new Map<string, Contact[]>();
  for (const contact of batch.contacts) contactsOf.set(contact.memberId, [...(contactsOf.get(contact.memberId) ?? []), contact]);
  const interests = batch.members.flatMap((member) => member.interests.map((interest) => interestItem(member, interest)));
  const lookups = batch.members.flatMap((member) => [...lookupsOf({ member, contacts: contactsOf.get(member.memberId) ?? [] }).values()].map((lookup) => ({ memberId: member.memberId, ...lookup })));
  await putAll(batch.members, (items) => memberEntity.put(items).go({ concurrency: 2 }), (key: { memberId: string }) => key.memberId);
  await putAll(interests, (items) => memberInterest.put(items).go({ concurrency: 2 }), (key: { memberId: string; interest: string }) => `${key.memberId}#${key.interest}`);
  await putAll(lookups, (items) => memberLookup.put(items).go({ concurrency: 2 }), (key: { memberId: string; kind: string; term: string }) => `${key.memberId}#${key.kind}#${key.term}`);
  await putAll(batch.contacts.map(contactItem), (items) => contactEntity.put(items).go({ concurrency: 2 }), (key: { contactId: string }) => key.contactId);
}
