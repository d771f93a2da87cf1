import { config } from '../config.js';
import { systemClock } from '../platform/clock.js';
import { randomIds } from '../platform/ids.js';
import { applicationRepository } from './dynamo/application-repository.js';

/** The onboarding use cases' real adapters, built once per container. */
export const applicationDependencies = {
  clock: systemClock,
  ids: randomIds,
  store: applicationRepository,
  publicBaseUrl: config.PUBLIC_BASE_URL,
  adminEmails: config.ADMIN_EMAILS,
};
