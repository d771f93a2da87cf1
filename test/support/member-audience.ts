import { randomUUID } from 'node:crypto';
import { writeMembers } from '../../shared/adapters/dynamo/member-bulk-writer.js';
import { memberCommunications, type Contact, type Member, type MemberStatus } from '../../shared/domain/members/member.js';
import type { SubscriptionCategory } from '../../shared/domain/mail/categories.js';
import type { Interest, OrganisationType } from '../../shared/domain/organisations/reference-data.js';
import { uniqueEmail } from './mailbox.js';

/**
 * Members with many contacts for the fan-out tests, written straight through
 * the ElectroDB entities in batch writes (thousands of contacts through the
 * HTTP API would take minutes): the member, its interest items and its
 * contacts, as approval and member upkeep store them, with their lookup items.
 */
export interface SeededMembers {
  members: Member[];
  contacts: Contact[];
}

export interface AudienceShape {
  members: number;
  contactsPerMember: number;
  status?: MemberStatus;
  /** What the contacts receive (default: events and grants). */
  receives?: SubscriptionCategory[];
  label?: string;
  /** The members' type (default: school) and interests (default: vocational education), e.g. a grant call's audience. */
  type?: OrganisationType;
  interests?: Interest[];
}

export function newAudience(shape: AudienceShape): SeededMembers {
  const label = shape.label ?? 'bulk';
  const now = new Date().toISOString();
  const members: Member[] = [];
  const contacts: Contact[] = [];
  for (let index = 0; index < shape.members; index += 1) {
    const memberId = randomUUID();
    members.push({
      memberId,
      status: shape.status ?? 'ACTIVE',
      name: `Szkoła Zawodowa nr ${index + 1} (${label})`,
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
        email: uniqueEmail(`${label}${index}-${position}`),
        role: position === 0 ? 'Dyrektor' : 'Nauczyciel',
        // Half in each language, so both invitation templates are sent.
        language: (index + position) % 2 ? 'en' : 'pl',
        primary: position === 0,
        receives: shape.receives ?? [...memberCommunications],
        status: 'CONFIRMED',
        addedBy: position === 0 ? 'application' : 'office',
        createdAt: now,
      });
    }
  }
  return { members, contacts };
}

/** Writes members and contacts as `newAudience` describes them, with their interest and lookup items (the shared bulk writer `npm run seed` uses too). */
export const seedMembers = (seed: SeededMembers): Promise<void> => writeMembers(seed);

/** Seeds an audience and returns it. */
export async function seededAudience(shape: AudienceShape): Promise<SeededMembers> {
  const seed = newAudience(shape);
  await seedMembers(seed);
  return seed;
}
