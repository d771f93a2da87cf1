import { randomUUID } from 'node:crypto';
import { writeMembers } from '../../shared/adapters/dynamo/member-bulk-writer.js';
import type { Contact, Member } from '../../shared/domain/members/member.js';
import type { Interest, OrganisationType } from '../../shared/domain/organisations/reference-data.js';
import { uniqueEmail } from './mailbox.js';

/**
 * Active members and their confirmed contacts for the grant reminder tests,
 * of the interests and type a test chooses (its calls' audience), written in
 * batch writes (thousands through the API would take minutes). Tests change
 * what else they need (addresses, languages) before seeding.
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

/** Written as approval and member upkeep store them, through the project's bulk writer. */
export async function seedGrantAudience(audience: GrantAudience): Promise<void> {
  await writeMembers(audience);
}
