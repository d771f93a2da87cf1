import { randomUUID } from 'node:crypto';
import { glokal } from '../../shared/adapters/dynamo/service.js';
import type { Contact, Member } from '../../shared/domain/members/member.js';
import type { Interest, OrganisationType } from '../../shared/domain/organisations/reference-data.js';
import { uniqueEmail } from './mailbox.js';

/**
 * Active members and their confirmed contacts for the grant reminder tests,
 * written straight through the entities (the member, its interest items, its
 * contacts, as approval stores them; thousands through the API would take
 * minutes). Tests change what they need (interests, type, addresses) before seeding.
 */
export interface GrantAudience {
  members: Member[];
  contacts: Contact[];
}

export function grantAudience(shape: { members: number; contactsPerMember: number; label: string; interests?: Interest[]; type?: OrganisationType }): GrantAudience {
  const now = new Date().toISOString();
  const members: Member[] = [];
  const contacts: Contact[] = [];
  for (let index = 0; index < shape.members; index += 1) {
    const memberId = randomUUID();
    members.push({
      memberId,
      status: 'ACTIVE',
      name: `Szkoła nr ${index + 1} (${shape.label})`,
      type: shape.type ?? 'school',
      country: 'PL',
      organisationIdentity: `PL-NIP-${memberId}`,
      address: { street: `ul. Kuźnicza ${index + 1}`, postalCode: '50-138', city: 'Wrocław', voivodeship: 'dolnoslaskie' },
      interests: shape.interests ?? ['vocational_education'],
      language: 'pl',
      joinedAt: now,
      applicationId: randomUUID(),
      contactCount: shape.contactsPerMember,
      version: 1,
    });
    for (let position = 0; position < shape.contactsPerMember; position += 1) {
      contacts.push({
        contactId: randomUUID(),
        memberId,
        name: `Osoba ${position + 1} z ${index + 1}`,
        email: uniqueEmail(`${shape.label}${index}-${position}`),
        role: position === 0 ? 'Dyrektor' : 'Nauczyciel',
        // Both languages, so both versions of the digest are made.
        language: (index + position) % 2 ? 'en' : 'pl',
        primary: position === 0,
        receives: ['events', 'grants'],
        status: 'CONFIRMED',
        addedBy: position === 0 ? 'application' : 'office',
        createdAt: now,
      });
    }
  }
  return { members, contacts };
}

/** Batch writes, again for what DynamoDB hands back or a busy DynamoDB Local times out (a put of the same item twice is the same item). */
async function putAll<T>(items: T[], put: (batch: T[]) => Promise<{ unprocessed: unknown[] }>) {
  for (let start = 0; start < items.length; start += 250) {
    const group = items.slice(start, start + 250);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const { unprocessed } = await put(group);
        if (unprocessed.length === 0) break;
      } catch (error) {
        if (attempt >= 8) throw error;
      }
      if (attempt >= 8) throw new Error('items left unwritten');
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

export async function seedGrantAudience(audience: GrantAudience): Promise<void> {
  const { member, memberInterest, contact } = glokal.entities;
  const interestItems = audience.members.flatMap((one) =>
    one.interests.map((interest) => ({ memberId: one.memberId, interest, name: one.name, type: one.type, country: one.country, status: one.status, interests: one.interests, joinedAt: one.joinedAt, contactCount: one.contactCount })),
  );
  await putAll(audience.members, (batch) => member.put(batch).go({ concurrency: 2 }));
  await putAll(interestItems, (batch) => memberInterest.put(batch).go({ concurrency: 2 }));
  await putAll(audience.contacts, (batch) => contact.put(batch).go({ concurrency: 2 }));
}
