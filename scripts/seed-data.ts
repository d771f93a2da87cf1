import { createHash } from 'node:crypto';
import type { MemberBatch } from '../shared/adapters/dynamo/member-bulk-writer.js';
import type { Contact, Member } from '../shared/domain/members/member.js';
import { maxContactsPerMember, memberCommunications } from '../shared/domain/members/member.js';
import type { SubscriptionCategory } from '../shared/domain/mail/categories.js';
import { isValidNip } from '../shared/domain/organisations/identifiers.js';
import type { Interest, OrganisationType } from '../shared/domain/organisations/reference-data.js';
import { companyStems, companySuffixes, firstNames, lastNames, patrons, roles, streets, themes, towns, trades, typeMix, villages } from './seed-catalogue.js';

/**
 * Demo members and contacts, the same for the same seed number: invented
 * Lower Silesian organisations of every type, valid NIPs, contacts in Polish
 * and English. Ids are derived from the seed and the position, so seeding
 * again with the same seed writes the same items (no duplicates).
 */
export interface DemoShape {
  seed: number;
  members: number;
  contacts: number;
}

/** A small fast PRNG (mulberry32): the same sequence for the same seed on every machine. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof randomSource>;

/** A UUID-shaped id derived from the seed and a name, so the same seed names the same items. */
export function derivedId(seed: number, name: string): string {
  const hex = createHash('sha256').update(`glokal-seed:${seed}:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A NIP with a valid checksum (the ninth-digit weights of shared/domain/organisations/identifiers.ts), never one whose checksum would be 10. */
export function validNip(random: Random): string {
  for (;;) {
    const digits = Array.from({ length: 9 }, (_, index) => (index === 0 ? 1 + random.int(9) : random.int(10)));
    const check = [6, 5, 7, 2, 3, 4, 5, 6, 7].reduce((sum, weight, index) => sum + weight * digits[index]!, 0) % 11;
    if (check === 10) continue;
    const nip = `${digits.join('')}${check}`;
    if (isValidNip(nip)) return nip;
  }
}

const plainAscii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function weightedType(random: Random): (typeof typeMix)[number] {
  const total = typeMix.reduce((sum, entry) => sum + entry.weight, 0);
  let roll = random.int(total);
  for (const entry of typeMix) {
    if (roll < entry.weight) return entry;
    roll -= entry.weight;
  }
  return typeMix[0]!;
}

function organisationName(type: OrganisationType, town: (typeof towns)[number], random: Random, index: number): string {
  const number = 1 + (index % 17);
  switch (type) {
    case 'school':
      return random.pick([`Zespół Szkół ${random.pick(trades)} nr ${number} im. ${random.pick(patrons)} – ${town.city}`, `Technikum ${random.pick(trades)} nr ${number} – ${town.city}`, `Branżowa Szkoła I Stopnia nr ${number} – ${town.city}`]);
    case 'university':
      return random.pick([`${town.adjective} Akademia Nauk Stosowanych „${random.pick(themes)}”`, `Wyższa Szkoła ${random.pick(trades)} i Zarządzania w ${town.city}`]);
    case 'training_provider':
      return `Centrum Szkoleń ${random.pick(trades)} „${random.pick(themes)}” ${random.pick(companySuffixes)}`;
    case 'company':
      return `${random.pick(companyStems)} ${random.pick(['Automotive', 'Logistics', 'Software', 'Energia', 'Metal', 'Food', 'Medical'])} ${random.pick(companySuffixes)}`;
    case 'ngo':
      return random.pick([`Fundacja „${random.pick(themes)} dla Młodych”`, `Stowarzyszenie Rozwoju Ziemi ${town.adjective.replace(/a$/, 'iej')}`, `Fundacja Edukacji ${random.pick(trades)}`]);
    case 'local_government':
      return `Gmina ${random.pick(villages)} – Centrum Rozwoju Lokalnego`;
    case 'chamber':
      return `Izba Gospodarcza ${random.pick(themes)} w ${town.city}`;
    default:
      return `Klaster ${random.pick(trades)} ${random.pick(themes)}`;
  }
}

function pickInterests(leaning: readonly Interest[], random: Random): Interest[] {
  const count = 1 + random.int(3);
  const chosen = new Set<Interest>();
  while (chosen.size < Math.min(count, leaning.length)) chosen.add(random.pick(leaning));
  return [...chosen];
}

/** How many contacts each member has: every member at least one (its primary), the rest spread unevenly, none above the per-member limit. */
function contactCounts(shape: DemoShape, random: Random): number[] {
  const counts = Array.from({ length: shape.members }, () => 1);
  let left = Math.max(0, shape.contacts - shape.members);
  const room = shape.members * (maxContactsPerMember - 1);
  if (left > room) throw new Error(`${shape.contacts} contacts do not fit ${shape.members} members (at most ${maxContactsPerMember} each)`);
  while (left > 0) {
    const index = random.int(shape.members);
    if (counts[index]! < maxContactsPerMember) {
      counts[index]! += 1;
      left -= 1;
    }
  }
  return counts;
}

/** The demo members and their contacts for a seed. `joinedAt` is fixed per seed too, so a second run writes identical items. */
export function demoMembers(shape: DemoShape): MemberBatch {
  const random = randomSource(shape.seed);
  const joinedBase = Date.UTC(2025, 0, 15);
  const counts = contactCounts(shape, random);
  const members: Member[] = [];
  const contacts: Contact[] = [];
  const nips = new Set<string>();
  for (let index = 0; index < shape.members; index += 1) {
    const memberId = derivedId(shape.seed, `member-${index}`);
    const mix = weightedType(random);
    const town = random.pick(towns);
    let nip = validNip(random);
    while (nips.has(nip)) nip = validNip(random);
    nips.add(nip);
    const name = organisationName(mix.type, town, random, index);
    const joinedAt = new Date(joinedBase + random.int(600) * 86_400_000).toISOString();
    const domain = `${plainAscii(name).split('-').slice(0, 3).join('-')}-${index}.example`;
    members.push({
      memberId,
      status: random.next() < 0.03 ? 'SUSPENDED' : 'ACTIVE',
      name,
      type: mix.type,
      country: 'PL',
      organisationIdentity: `PL-NIP-${nip}`,
      nip,
      address: { street: `ul. ${random.pick(streets)} ${1 + random.int(120)}`, postalCode: random.pick(town.postalCodes), city: town.city, voivodeship: 'dolnoslaskie' },
      website: `https://www.${domain}`,
      interests: pickInterests(mix.interests, random),
      language: 'pl',
      joinedAt,
      applicationId: derivedId(shape.seed, `application-${index}`),
      contactCount: counts[index]!,
      version: 1,
    });
    for (let position = 0; position < counts[index]!; position += 1) {
      const female = random.next() < 0.55;
      const first = random.pick(female ? firstNames.female : firstNames.male);
      const last = random.pick(female ? lastNames.female : lastNames.male);
      // About one contact in five reads English (international officers, partners' staff).
      const language = random.next() < 0.2 ? 'en' : 'pl';
      const receives: SubscriptionCategory[] = random.next() < 0.85 ? [...memberCommunications] : [random.pick(memberCommunications)];
      contacts.push({
        contactId: derivedId(shape.seed, `contact-${index}-${position}`),
        memberId,
        name: `${first} ${last}`,
        email: `${plainAscii(first)}.${plainAscii(last)}${position > 0 ? `.${position}` : ''}@${domain}`,
        role: position === 0 ? roles.pl[0]! : random.pick(roles[language]),
        language,
        primary: position === 0,
        receives,
        status: 'CONFIRMED',
        addedBy: position === 0 ? 'application' : 'office',
        createdAt: joinedAt,
      });
    }
  }
  return { members, contacts };
}
