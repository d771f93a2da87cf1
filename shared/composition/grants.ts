import { callImportRepository, callRepository } from '../adapters/dynamo/grant-repository.js';
import type { CallDependencies } from '../domain/grants/create-call.js';
import type { ImportDependencies } from '../domain/grants/import-calls.js';
import { systemClock } from '../platform/clock.js';
import { randomIds } from '../platform/ids.js';

/**
 * The composition root of funding calls: the use cases' real adapters, built
 * once per container. Tests replace single ones (clock, ids) by spreading over this.
 */
export const grantDependencies: CallDependencies = {
  clock: systemClock,
  ids: randomIds,
  store: callRepository,
};

export const grantImportDependencies: ImportDependencies = { ...grantDependencies, imports: callImportRepository };
