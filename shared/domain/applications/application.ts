import type { Interest, OrganisationType, Voivodeship } from '../organisations/reference-data.js';
import type { Language } from '../language.js';

export const applicationStatuses = ['PENDING_VERIFICATION', 'SUBMITTED', 'APPROVED', 'REJECTED'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** What an applicant submits, validated and normalised (the route contract maps the request onto it). */
export interface ApplicationInput {
  organisation: {
    name: string;
    type: OrganisationType;
    country: string;
    nip?: string;
    regon?: string;
    krs?: string;
    registryNumber?: string;
    address: { street: string; postalCode: string; city: string; voivodeship?: Voivodeship };
    website?: string;
  };
  contact: { name: string; email: string; phone: string; role: string };
  interests: Interest[];
  language: Language;
  consents: { statute: boolean; dataProcessing: boolean; marketing: boolean };
  /** Honeypot: hidden from people; bots fill it. */
  homepage?: string;
  idempotencyKey?: string;
  formLanguage?: Language;
}

export interface Consent {
  accepted: boolean;
  at: string;
  textVersion: string;
  /** The information notice (GDPR Art. 13) shown with the consents; absent on consents given before it was versioned. */
  noticeVersion?: string;
  lang: Language;
}

export interface Application {
  applicationId: string;
  status: ApplicationStatus;
  organisation: ApplicationInput['organisation'];
  contact: ApplicationInput['contact'];
  interests: ApplicationInput['interests'];
  language: Language;
  consents: { statute: Consent; dataProcessing: Consent; marketing: Consent };
  /** `PL-NIP-…` or `DE-REG-…`: what makes one organisation one member. */
  organisationIdentity: string;
  createdAt: string;
  submittedAt?: string;
  decidedAt?: string;
  /** The deciding administrator's token subject (never an address). */
  decidedBy?: string;
  rejectionReason?: string;
  memberId?: string;
}

/** The summary administrators see in lists. */
export interface ApplicationSummary {
  applicationId: string;
  status: ApplicationStatus;
  organisationName: string;
  organisationType: string;
  country: string;
  createdAt: string;
  submittedAt?: string;
}

/** One organisation, one member: Polish ones by NIP, others by country and registry number. */
export function organisationIdentity(organisation: ApplicationInput['organisation']): string {
  if (organisation.country === 'PL') return `PL-NIP-${organisation.nip}`;
  return `${organisation.country}-REG-${(organisation.registryNumber ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '')}`;
}

export const verificationValidityDays = 7;

/**
 * Storage limitation (GDPR Art. 5(1)(e)), stated on the form and in the
 * README: a rejected application is deleted this many days after the
 * decision (DynamoDB TTL), long enough to answer the applicant's questions
 * about it; an unverified one is deleted when it expires, with its link.
 */
export const rejectedApplicationRetentionDays = 90;
