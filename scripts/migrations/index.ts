import { hashPreferenceTokens } from './hash-preference-tokens.js';
import { memberLookups } from './member-lookups.js';
import type { Migration } from './migration.js';
import { outboxStatusIndex } from './outbox-status-index.js';
import { personalDataIndexes } from './personal-data-indexes.js';

/** Every migration, in the order they were written; `npm run migrate` runs them all. */
export const migrations: Migration[] = [hashPreferenceTokens, outboxStatusIndex, memberLookups, personalDataIndexes];
