import type * as z from 'zod';
import type { applicationStatuses, applicationSummary } from '../../contracts/applications.js';
import type { ApplicationInput } from '../../contracts/application-input.js';
import type { Language } from '../../email/language.js';

export type ApplicationStatus = (typeof applicationStatuses)[number];

export interface Consent {
  accepted: boolean;
  at: string;
  textVersion: string;
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
  decidedBy?: string;
  rejectionReason?: string;
  memberId?: string;
}

/** The summary administrators see in lists, as the route contract defines it. */
export type ApplicationSummary = z.output<typeof applicationSummary>;

/** One organisation, one member: Polish ones by NIP, others by country and registry number. */
export function organisationIdentity(organisation: ApplicationInput['organisation']): string {
  if (organisation.country === 'PL') return `PL-NIP-${organisation.nip}`;
  return `${organisation.country}-REG-${(organisation.registryNumber ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '')}`;
}

export const verificationValidityDays = 7;
