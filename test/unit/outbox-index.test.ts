import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest.js';
import { matchesPattern } from '../../infra/local/event-pattern.js';
import { isIndexedPartition, openStatusPartitions, openStatusShards, shardOf, statusPartition } from '../../shared/adapters/dynamo/outbox-index.js';

describe('the outbox status index', () => {
  it('keeps only what the mailer or an administrator must find', () => {
    const id = randomUUID();
    expect(statusPartition('PENDING', id)).toBe(`PENDING#${shardOf(id)}`);
    expect(statusPartition('SENDING', id)).toBe(`SENDING#${shardOf(id)}`);
    // FAILED keeps its one partition, as before sharding, so the listing and items written before read as they did.
    expect(statusPartition('FAILED', id)).toBe('FAILED');
    for (const status of ['PENDING', 'SENDING', 'FAILED'] as const) expect(isIndexedPartition(statusPartition(status, id))).toBe(true);
    for (const status of ['SENT', 'SUPPRESSED', 'UNSUBSCRIBED'] as const) expect(isIndexedPartition(statusPartition(status, id))).toBe(false);
  });

  it('spreads open messages evenly over the shards, a message always on the same one', () => {
    const counts = Array.from({ length: openStatusShards }, () => 0);
    for (let index = 0; index < 8000; index += 1) counts[shardOf(`invitation-${index}`)]! += 1;
    // 1,000 expected per shard; a hot shard would defeat the sharding.
    for (const count of counts) expect(count).toBeGreaterThan(850);
    for (const count of counts) expect(count).toBeLessThan(1150);
    const id = randomUUID();
    expect(shardOf(id)).toBe(shardOf(id));
  });

  it('the sweep reads every shard and the partition messages written before sharding sit in', () => {
    expect(openStatusPartitions('PENDING')).toEqual(['PENDING#0', 'PENDING#1', 'PENDING#2', 'PENDING#3', 'PENDING#4', 'PENDING#5', 'PENDING#6', 'PENDING#7', 'PENDING']);
  });
});

describe('the mailer’s stream filter', () => {
  const filter = manifest.find((declaration) => declaration.name === 'mailer')!.triggers.find((trigger) => trigger.kind === 'table-stream')!.filter;
  const record = (eventName: string, status: string, attempts: number, entity = 'OUTBOX') => ({
    eventName,
    dynamodb: { NewImage: { entity: { S: entity }, status: { S: status }, attempts: { N: String(attempts) } } },
  });

  it('takes new messages and FAILED ones an administrator retried (PENDING again with no attempts)', () => {
    expect(matchesPattern(filter, record('INSERT', 'PENDING', 0))).toBe(true);
    expect(matchesPattern(filter, record('MODIFY', 'PENDING', 0))).toBe(true);
  });

  it('ignores the mailer’s own updates: claims, finishes and retries with backoff', () => {
    expect(matchesPattern(filter, record('MODIFY', 'SENDING', 1))).toBe(false);
    expect(matchesPattern(filter, record('MODIFY', 'SENT', 1))).toBe(false);
    expect(matchesPattern(filter, record('MODIFY', 'FAILED', 3))).toBe(false);
    expect(matchesPattern(filter, record('MODIFY', 'PENDING', 1))).toBe(false);
    expect(matchesPattern(filter, record('REMOVE', 'PENDING', 0))).toBe(false);
    expect(matchesPattern(filter, record('INSERT', 'PENDING', 0, 'APPLICATION'))).toBe(false);
  });
});
