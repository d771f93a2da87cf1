import { moveLegacyOutboxIndexEntries } from '../../shared/adapters/dynamo/outbox-legacy-index.js';
import type { Migration } from './migration.js';

/**
 * Before the outbox's status index was sparse and sharded, every message
 * stayed in it for its whole life, on one key per status (`OUTBOX#SENT`…).
 * Delivered and skipped messages leave it; open ones move to their shard
 * (the sweep also reads the old open partitions, so nothing waits for this).
 */
export const outboxStatusIndex: Migration = {
  name: 'outbox-status-index',
  run: moveLegacyOutboxIndexEntries,
};
