import type { Actor } from '../actor.js';
import { auditEntry } from '../audit/audit-entry.js';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../errors.js';
import type { Language } from '../language.js';
import type { SubscriptionCategory } from '../mail/categories.js';
import type { NewMessage } from '../mail/outbox-message.js';
import { isValidPolishPostalCode } from '../organisations/identifiers.js';
import type { Interest, OrganisationType } from '../organisations/reference-data.js';
import {
  confirmationDeadline,
  confirmationFor,
  loadMember,
  nextAggregate,
  saveChange,
  type MemberChangeDependencies,
} from './changes.js';
import {
  currentContacts,
  isLasting,
  maxContactsPerMember,
  memberCommunications,
  sameAddress,
  type Contact,
  type ContactSource,
  type Member,
  type MemberAggregate,
  type MemberStatus,
} from './member.js';
import type { ContactConfirmation } from './ports.js';
import { memberDetail, type MemberDetail } from './queries.js';

export type UpkeepDependencies = MemberChangeDependencies;

/** What an administrator may change of a member. Its identity (country, NIP, registry number) stays: the organisation lock belongs to it. */
export interface MemberPatch {
  name?: string;
  type?: OrganisationType;
  address?: Member['address'];
  /** `null` removes it. */
  website?: string | null;
  interests?: Interest[];
  status?: MemberStatus;
  statusReason?: string;
  /** The version the change was made on; a member changed since is refused. */
  version?: number;
}

export interface NewContact {
  name: string;
  email: string;
  phone?: string;
  role: string;
  language: Language;
  receives?: SubscriptionCategory[];
}

export interface ContactPatch {
  name?: string;
  email?: string;
  /** `null` removes it. */
  phone?: string | null;
  role?: string;
  language?: Language;
  receives?: SubscriptionCategory[];
  /** Makes this contact the primary one (the previous primary stays a contact). */
  primary?: true;
  /** Sends a new confirmation link to an address that has not confirmed itself. */
  resendConfirmation?: true;
  version?: number;
}

/** The status changes an administrator may make; anything else is refused. A member that left can rejoin, not be suspended. */
export const statusChanges: Readonly<Record<MemberStatus, readonly MemberStatus[]>> = {
  ACTIVE: ['SUSPENDED', 'LEFT'],
  SUSPENDED: ['ACTIVE', 'LEFT'],
  LEFT: ['ACTIVE'],
};

const target = (memberId: string, contactId?: string) => `member/${memberId}${contactId ? `/contact/${contactId}` : ''}`;

/** An address's state in the audit log: never the address, name or phone number (an erasure must not have to rewrite the log). */
function auditedContact(contact: Contact) {
  return { contactId: contact.contactId, role: contact.role, language: contact.language, primary: contact.primary, receives: contact.receives, status: contact.status };
}

const personalFields = ['name', 'email', 'phone'] as const;

function checkAddress(member: Member, address: Member['address'], fields: FieldError[]) {
  if (member.country !== 'PL') return;
  if (!address.voivodeship) fields.push({ path: 'address.voivodeship', message: 'Choose a voivodeship.' });
  if (!isValidPolishPostalCode(address.postalCode)) fields.push({ path: 'address.postalCode', message: 'A Polish postal code looks like 50-001.' });
}

/** Administrators keep a member current: name, type, address, website, interests, status with a reason. */
export async function updateMember(memberId: string, patch: MemberPatch, actor: Actor, deps: UpkeepDependencies): Promise<MemberDetail> {
  const before = await loadMember(memberId, deps.store, patch.version);
  const now = deps.clock.now();
  const current = before.member;
  const fields: FieldError[] = [];
  const next: Member = { ...current };
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.type !== undefined) next.type = patch.type;
  if (patch.address !== undefined) {
    checkAddress(current, patch.address, fields);
    next.address = current.country === 'PL' ? patch.address : { ...patch.address, voivodeship: undefined };
  }
  if (patch.website === null) delete next.website;
  else if (patch.website !== undefined) next.website = patch.website;
  if (patch.interests !== undefined) next.interests = [...new Set(patch.interests)];
  if (patch.status !== undefined && !patch.statusReason) fields.push({ path: 'statusReason', message: 'Give the reason for the status change.' });
  if (patch.status === undefined && patch.statusReason !== undefined) fields.push({ path: 'status', message: 'A reason goes with a status change.' });
  if (fields.length > 0) throw new ValidationError(fields);
  if (patch.status !== undefined) {
    if (!statusChanges[current.status].includes(patch.status)) {
      throw new ConflictError(
        patch.status === current.status ? `The member is ${current.status} already.` : `A ${current.status} member cannot become ${patch.status}.`,
        'INVALID_STATUS_CHANGE',
        [{ path: 'status', message: `From ${current.status}: ${statusChanges[current.status].join(' or ')}.` }],
      );
    }
    next.status = patch.status;
    next.statusReason = patch.statusReason;
    next.statusChangedAt = now.toISOString();
  }

  const audited = ['name', 'type', 'address', 'website', 'interests', 'status', 'statusReason'] as const;
  const changed = audited.filter((field) => JSON.stringify(current[field]) !== JSON.stringify(next[field]));
  if (changed.length === 0) return memberDetail(before, now);
  const after = nextAggregate(before, next, before.contacts, now);
  await saveChange(deps.store, {
    before,
    after,
    messages: [],
    audit: auditEntry({
      id: deps.ids.newId(),
      at: now,
      actor,
      action: patch.status !== undefined ? 'member.status' : 'member.update',
      target: target(memberId),
      before: Object.fromEntries(changed.map((field) => [field, current[field] ?? null])),
      after: Object.fromEntries(changed.map((field) => [field, next[field] ?? null])),
    }),
    now,
  });
  return memberDetail(after, now);
}

/** A new contact of a member: unconfirmed, without member communications, until its address confirms itself; gone if it does not in time. */
export async function addContactTo(
  before: MemberAggregate,
  input: NewContact,
  source: Exclude<ContactSource, 'application'>,
  actor: Actor,
  deps: UpkeepDependencies,
  addedByName?: string,
): Promise<{ detail: MemberDetail; contact: Contact }> {
  const now = deps.clock.now();
  const current = currentContacts(before.contacts, now);
  if (current.some((contact) => sameAddress(contact.email, input.email))) {
    throw new ConflictError('This member already has a contact with this email address.', 'DUPLICATE_CONTACT_EMAIL', [
      { path: 'email', message: 'This address is already a contact of the member.' },
    ]);
  }
  if (current.length >= maxContactsPerMember) {
    throw new ConflictError(`A member has at most ${maxContactsPerMember} contacts.`, 'TOO_MANY_CONTACTS', [{ path: 'name', message: 'Remove a contact first.' }]);
  }
  const expiresAt = confirmationDeadline(now);
  const contact: Contact = {
    contactId: deps.ids.newId(),
    memberId: before.member.memberId,
    name: input.name,
    email: input.email,
    ...(input.phone ? { phone: input.phone } : {}),
    role: input.role,
    language: input.language,
    primary: false,
    receives: input.receives ? [...new Set(input.receives)] : [...memberCommunications],
    status: 'UNCONFIRMED',
    confirmBy: expiresAt.toISOString(),
    addedBy: source,
    createdAt: now.toISOString(),
  };
  const { record, message } = confirmationFor(contact, before.member.name, { reason: 'added', addedByName, expiresAt }, deps);
  const after = nextAggregate(before, before.member, [...before.contacts, contact], now);
  await saveChange(deps.store, {
    before,
    after,
    confirmations: [record],
    messages: [message],
    audit: auditEntry({
      id: deps.ids.newId(),
      at: now,
      actor,
      action: source === 'colleague' ? 'contact.add-colleague' : 'contact.add',
      target: target(before.member.memberId, contact.contactId),
      before: null,
      after: auditedContact(contact),
    }),
    now,
  });
  return { detail: memberDetail(after, now), contact };
}

/** An administrator adds a contact; its address receives a confirmation link. */
export async function addContact(memberId: string, input: NewContact & { version?: number }, actor: Actor, deps: UpkeepDependencies) {
  const before = await loadMember(memberId, deps.store, input.version);
  return addContactTo(before, input, 'office', actor, deps);
}

function findContact(aggregate: MemberAggregate, contactId: string, now: Date): Contact {
  const contact = currentContacts(aggregate.contacts, now).find((candidate) => candidate.contactId === contactId);
  if (!contact) throw new NotFoundError('This member has no contact with this id.');
  return contact;
}

/**
 * Changes a contact. A new address is unconfirmed (no member communications)
 * until it confirms itself through the link it receives; the old address,
 * if it was confirmed, is told. Making a contact primary takes that from the
 * previous primary contact.
 */
export async function updateContact(memberId: string, contactId: string, patch: ContactPatch, actor: Actor, deps: UpkeepDependencies): Promise<MemberDetail> {
  const before = await loadMember(memberId, deps.store, patch.version);
  const now = deps.clock.now();
  const contact = findContact(before, contactId, now);
  const next: Contact = { ...contact };
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.role !== undefined) next.role = patch.role;
  if (patch.language !== undefined) next.language = patch.language;
  if (patch.receives !== undefined) next.receives = [...new Set(patch.receives)];
  if (patch.phone === null) delete next.phone;
  else if (patch.phone !== undefined) next.phone = patch.phone;

  const confirmations: ContactConfirmation[] = [];
  const messages: NewMessage[] = [];
  const others = currentContacts(before.contacts, now).filter((candidate) => candidate.contactId !== contactId);
  const newAddress = patch.email !== undefined && !sameAddress(patch.email, contact.email);
  if (patch.email !== undefined) next.email = patch.email;
  if (newAddress) {
    if (others.some((other) => sameAddress(other.email, patch.email!))) {
      throw new ConflictError('This member already has a contact with this email address.', 'DUPLICATE_CONTACT_EMAIL', [
        { path: 'email', message: 'This address is already a contact of the member.' },
      ]);
    }
    next.status = 'UNCONFIRMED';
    delete next.confirmedAt;
  }
  if (patch.resendConfirmation && !newAddress && contact.status === 'CONFIRMED') {
    throw new ConflictError('This address has confirmed itself already.', 'ALREADY_CONFIRMED', [{ path: 'resendConfirmation', message: 'Nothing to confirm.' }]);
  }
  if (newAddress || patch.resendConfirmation) {
    const expiresAt = confirmationDeadline(now);
    // An addition that is still unconfirmed gets as long again; a lasting contact stays, unconfirmed.
    if (!isLasting(contact)) next.confirmBy = expiresAt.toISOString();
    const confirmation = confirmationFor(next, before.member.name, { reason: isLasting(contact) ? 'email-changed' : 'added', expiresAt }, deps);
    confirmations.push(confirmation.record);
    messages.push(confirmation.message);
  }
  if (newAddress && contact.status === 'CONFIRMED') {
    messages.push({
      to: contact.email,
      lang: contact.language,
      template: 'contact-address-changed',
      data: { contactName: contact.name, organisationName: before.member.name, changedAt: now.toISOString() },
    });
  }

  let contacts = before.contacts.map((candidate) => (candidate.contactId === contactId ? next : candidate));
  if (patch.primary && !contact.primary) {
    if (!isLasting(contact)) {
      throw new ConflictError('An added contact can become primary once its address has confirmed itself.', 'CONTACT_NOT_CONFIRMED', [
        { path: 'primary', message: 'Wait for the confirmation, or send a new link with resendConfirmation.' },
      ]);
    }
    next.primary = true;
    contacts = contacts.map((candidate) => (candidate.contactId === contactId ? next : candidate.primary ? { ...candidate, primary: false, updatedAt: now.toISOString() } : candidate));
  }

  const changed = (['name', 'email', 'phone', 'role', 'language', 'receives', 'primary', 'status', 'confirmBy'] as const).filter(
    (field) => JSON.stringify(contact[field]) !== JSON.stringify(next[field]),
  );
  if (changed.length === 0 && confirmations.length === 0) return memberDetail(before, now);
  next.updatedAt = now.toISOString();
  const after = nextAggregate(before, before.member, contacts, now);
  const audited = (value: Contact) =>
    Object.fromEntries(changed.map((field) => [field, (personalFields as readonly string[]).includes(field) ? 'changed' : (value[field] ?? null)]));
  await saveChange(deps.store, {
    before,
    after,
    confirmations,
    messages,
    audit: auditEntry({
      id: deps.ids.newId(),
      at: now,
      actor,
      action: patch.primary && !contact.primary ? 'contact.make-primary' : 'contact.update',
      target: target(memberId, contactId),
      before: { contactId, ...audited(contact) },
      after: { contactId, ...audited(next), ...(confirmations.length > 0 ? { confirmationSent: true } : {}) },
    }),
    now,
  });
  return memberDetail(after, now);
}

/** Removes a contact. A member keeps at least one lasting contact, and its primary contact: make another one primary first. */
export async function removeContact(memberId: string, contactId: string, actor: Actor, deps: UpkeepDependencies): Promise<MemberDetail> {
  const before = await loadMember(memberId, deps.store);
  const now = deps.clock.now();
  const contact = findContact(before, contactId, now);
  const lasting = currentContacts(before.contacts, now).filter(isLasting);
  if (isLasting(contact) && lasting.length <= 1) throw new ConflictError('A member keeps at least one contact.', 'LAST_CONTACT');
  if (contact.primary) throw new ConflictError('This is the member’s primary contact: make another contact primary first.', 'PRIMARY_CONTACT');
  const after = nextAggregate(
    before,
    before.member,
    before.contacts.filter((candidate) => candidate.contactId !== contactId),
    now,
  );
  await saveChange(deps.store, {
    before,
    after,
    messages: [],
    audit: auditEntry({ id: deps.ids.newId(), at: now, actor, action: 'contact.remove', target: target(memberId, contactId), before: auditedContact(contact), after: null }),
    now,
  });
  return memberDetail(after, now);
}
