import type { Language } from '../language.js';
import type { Application } from '../applications/application.js';
import type { Interest, OrganisationType } from '../organisations/reference-data.js';

export const memberStatuses = ['ACTIVE', 'SUSPENDED', 'LEFT'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

export interface Member {
  memberId: string;
  status: MemberStatus;
  name: string;
  type: OrganisationType;
  country: string;
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
}

export interface Contact {
  contactId: string;
  memberId: string;
  name: string;
  email: string;
  phone: string;
  role: string;
  language: Language;
  primary: boolean;
  consents: Application['consents'];
  createdAt: string;
}

export type MemberSummary = Pick<Member, 'memberId' | 'name' | 'type' | 'country' | 'status' | 'interests' | 'joinedAt'>;

/** The member and its primary contact, as approval creates them from the application. */
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
    consents: application.consents,
    createdAt: now.toISOString(),
  };
  return { member, contact };
}
