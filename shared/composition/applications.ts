import { applicationRepository } from '../adapters/dynamo/application-repository.js';
import { config } from '../config.js';
import { systemClock } from '../platform/clock.js';
import { randomIds } from '../platform/ids.js';

/**
 * The composition root of onboarding: the use cases' real adapters, built once
 * per container. Handlers take their dependencies from here, never from an
 * adapter; tests replace single ones (clock, ids) by spreading over this.
 */
export const applicationDependencies = {
  clock: systemClock,
  ids: randomIds,
  store: applicationRepository,
  publicBaseUrl: config.PUBLIC_BASE_URL,
  adminEmails: config.ADMIN_EMAILS,
};
