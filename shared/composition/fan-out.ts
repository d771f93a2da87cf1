import { fanOutRepository } from '../adapters/dynamo/fan-out-repository.js';
import type { FanOutDependencies } from '../domain/fanout/run-fan-out.js';
import { systemClock } from '../platform/clock.js';
import { fanOutKinds } from './fan-out-kinds.js';

/** The composition root of the fan-out runner. */
export const fanOutDependencies: FanOutDependencies = { clock: systemClock, runs: fanOutRepository, kinds: fanOutKinds };
