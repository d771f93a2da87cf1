import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { MemberStore } from '../members/ports.js';
import type { DataSubjectStore } from './holdings.js';

export interface DataSubjectDependencies {
  clock: Clock;
  ids: IdGenerator;
  store: DataSubjectStore;
  /** Contacts leave their members through member upkeep's own write (lookups, counts and version with them). */
  members: Pick<MemberStore, 'load' | 'save'>;
  /** The keyed hash of a normalised address (HMAC under the link-signing key, purpose `erased-address`). */
  addressHash(address: string): Promise<string>;
}
