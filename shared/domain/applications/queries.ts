import type { Clock } from '../../platform/clock.js';
import { NotFoundError } from '../errors.js';
import type { Page } from '../page.js';
import type { Application, ApplicationStatus, ApplicationSummary } from './application.js';
import type { ApplicationStore } from './ports.js';

interface QueryDependencies {
  clock: Clock;
  store: ApplicationStore;
}

/** Named query: applications newest first, of one status or all; unconfirmed ones that expired are not listed. */
export function listApplications(options: { status?: ApplicationStatus; limit: number; cursor?: string }, deps: QueryDependencies): Promise<Page<ApplicationSummary>> {
  return deps.store.list({ ...options, now: deps.clock.now() });
}

/** Named query: one application, for administrators. */
export async function findApplication(applicationId: string, deps: QueryDependencies): Promise<Application> {
  const application = await deps.store.get(applicationId);
  if (!application) throw new NotFoundError('No application has this id.');
  return application;
}
