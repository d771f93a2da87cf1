import type { Language } from '../language.js';
import type { Application } from '../applications/application.js';
import type { SubscriptionCategory } from '../mail/categories.js';
import type { Interest, OrganisationType } from '../organisations/reference-data.js';

export const memberStatuses = ['ACTIVE', 'SUSPENDED', 'LEFT'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

/** A contact whose address has not confirmed itself receives no member communications. */
export const contactStatuses = ['CONFIRMED', 'UNCONFIRMED'] as const;
export type ContactStatus = (typeof contactStatuses)[number];

/** Who added a contact: the application itself, the cluster office, or the member's primary contact (a colleague). */
export const contactSources = ['application', 'office', 'colleague'] as const;
export type ContactSource = (typeof contactSources)[number];

/** The member communications a contact can receive; both unless chosen otherwise. */
export const memberCommunications: readonly SubscriptionCategory[] = ['events', 'grants'];

/** More than any member organisation needs; keeps every change of a member within one transaction. */
export const maxContactsPerMember = 25;

/** How long a confirmation link works; an unconfirmed addition disappears with it. */
export const contactConfirmationDays = 7;

/** How long the welcome email's link for adding colleagues works (later, the link on the notification settings page does). */
export const colleagueLinkDays = 30;

export interface Member {
  memberId: string;
  status: MemberStatus;
  /** Why the status last changed (absent on members whose status never changed). */
  statusReason?: string;
  statusChangedAt?: string;
  name: string;
  type: OrganisationType;
  country: string;
  /** `PL-NIP-…` or `DE-REG-…`: locked to this member for good; member upkeep never changes it. */
  organisationIdentity: string;
  nip?: string;
  regon?: string;
  krs?: string;
  registryNumber?: string;
  address: Application['organisation']['address'];
  website?: string;
  interests: Interest[];
  language: Language;
  joinedAt: string;
  applicationId: string;
  /** Contacts that stay (confirmed, or unconfirmed after an address change); unconfirmed additions count once confirmed. */
  contactCount: number;
  /** Grows with every change; a write is refused when the stored version is no longer the one read. Members stored before versions are 0. */
  version: number;
  updatedAt?: string;
}

export interface Contact {
  contactId: string;
  memberId: string;
  name: string;
  email: string;
  phone?: string;
  role: string;
  language: Language;
  primary: boolean;
  /** Member communications this contact receives. */
  receives: SubscriptionCategory[];
  status: ContactStatus;
  /** When the address last confirmed itself (absent on addresses verified with the application). */
  confirmedAt?: string;
  /** An unconfirmed addition disappears at this instant unless its address confirms itself first. */
  confirmBy?: string;
  addedBy?: ContactSource;
  consents?: Application['consents'];
  createdAt: string;
  updatedAt?: string;
}

export type MemberSummary = Pick<Member, 'memberId' | 'name' | 'type' | 'country' | 'status' | 'interests' | 'joinedAt' | 'contactCount'>;

/** A member with every contact stored in its partition (unconfirmed additions that expired included until DynamoDB removes them). */
export interface MemberAggregate {
  member: Member;
  contacts: Contact[];
}

export const summaryOf = (member: MemberSummary): MemberSummary => ({
  memberId: member.memberId,
  name: member.name,
  type: member.type,
  country: member.country,
  status: member.status,
  interests: member.interests,
  joinedAt: member.joinedAt,
  contactCount: member.contactCount,
});

/** Addresses are compared without case or surrounding space. */
export const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** An unconfirmed addition whose link expired is gone, whether or not DynamoDB's TTL has removed it yet. */
export const isExpired = (contact: Contact, now: Date) => contact.status === 'UNCONFIRMED' && contact.confirmBy !== undefined && new Date(contact.confirmBy) <= now;

/** The contacts that exist at `now`. */
export const currentContacts = (contacts: readonly Contact[], now: Date) => contacts.filter((contact) => !isExpired(contact, now));

/** Contacts that stay without confirming: every contact but an unconfirmed addition. */
export const isLasting = (contact: Contact) => contact.confirmBy === undefined;

/**
 * The one rule of member communications (event invitations, grant
 * reminders): only an active member's contacts, only confirmed addresses,
 * only the categories the contact receives. Transactional mail is not
 * subject to it.
 */
export function receivesMemberCommunication(member: Member, contact: Contact, category: SubscriptionCategory, now: Date): boolean {
  return member.status === 'ACTIVE' && contact.status === 'CONFIRMED' && !isExpired(contact, now) && contact.receives.includes(category);
}

/** The member and its primary contact, as approval creates them from the application (the address was verified with it). */
export function memberFromApplication(application: Application, ids: { memberId: string; contactId: string }, now: Date): { member: Member; contact: Contact } {
  const { organisation } = application;
  const member: Member = {
    memberId: ids.memberId,
    status: 'ACTIVE',
    name: organisation.name,
    type: organisation.type,
    country: organisation.country,
    organisationIdentity: application.organisationIdentity,
    nip: organisation.nip,
    regon: organisation.regon,
    krs: organisation.krs,
    registryNumber: organisation.registryNumber,
    address: organisation.address,
    website: organisation.website,
    interests: application.interests,
    language: application.language,
    joinedAt: now.toISOString(),
    applicationId: application.applicationId,
    contactCount: 1,
    version: 1,
  };
  const contact: Contact = {
    contactId: ids.contactId,
    memberId: ids.memberId,
    name: application.contact.name,
    email: application.contact.email,
    phone: application.contact.phone,
    role: application.contact.role,
    language: application.language,
    primary: true,
    receives: [...memberCommunications],
    status: 'CONFIRMED',
    addedBy: 'application',
    consents: application.consents,
    createdAt: now.toISOString(),
  };
  return { member, contact };
}
