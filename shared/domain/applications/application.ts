import type { applicationStatuses } from '../../contracts/applications.js';

export type ApplicationStatus = (typeof applicationStatuses)[number];

/** The summary administrators see in lists. */
export interface ApplicationSummary {
  applicationId: string;
  status: ApplicationStatus;
  organisationName: string;
  organisationType: string;
  submittedAt: string;
}
