import { dataSubjectRepository } from '../adapters/dynamo/data-subject-repository.js';
import { memberRepository } from '../adapters/dynamo/member-repository.js';
import { linkSigningKey } from '../adapters/secrets/link-signing-key.js';
import type { DataSubjectDependencies } from '../domain/data-subjects/ports.js';
import { systemClock } from '../platform/clock.js';
import { randomIds } from '../platform/ids.js';
import { addressHash } from '../platform/address-hash.js';

/** GET /admin/contacts/{email}/export and POST …/erase. */
export const dataSubjectDependencies: DataSubjectDependencies = {
  clock: systemClock,
  ids: randomIds,
  store: dataSubjectRepository,
  members: memberRepository,
  addressHash: async (address) => addressHash(await linkSigningKey(), address),
};
