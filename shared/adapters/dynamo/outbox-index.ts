import { createHash } from 'node:crypto';
import type { MessageStatus } from '../../domain/mail/outbox-message.js';

/**
 * Which messages the outbox's status index (gsi1) holds, and under which
 * partition. Only what someone must find stays in it: PENDING and SENDING
 * for the mailer's sweep and backlog metric, FAILED for administrators.
 * Delivered and skipped messages leave it, so thousands of them never pile
 * up on one index key; they stay readable by id until their TTL.
 */
export const indexedStatuses = ['PENDING', 'SENDING', 'FAILED'] as const satisfies readonly MessageStatus[];
export type IndexedStatus = (typeof indexedStatuses)[number];

export const isIndexed = (status: unknown): status is IndexedStatus => indexedStatuses.includes(status as IndexedStatus);

/** Whether a message with this `statusPartition` belongs in the index (its status is the part before the shard). */
export const isIndexedPartition = (partition: unknown): boolean => typeof partition === 'string' && isIndexed(partition.split('#')[0]);

/**
 * Open messages are spread over this many partitions. An invitation fan-out
 * inserts thousands of PENDING messages within seconds, each about 2.6 KB with
 * its .ics (measured: 3 WCU per GSI write), and one GSI partition takes about
 * 1,000 WCU per second, some 330 invitations; a time-ordered sort key gives
 * adaptive capacity nothing to split on. Eight shards take ~2,600 a second;
 * the sweep pays nine small queries per open status a minute for it.
 */
export const openStatusShards = 8;

/** The shard of a message: fixed by its id, so every update recomputes the same one. */
export function shardOf(messageId: string): number {
  return createHash('sha256').update(messageId).digest().readUInt32BE(0) % openStatusShards;
}

/**
 * The partition part of a message's index key: `PENDING#3` for open
 * messages, `FAILED` as it always was. A status outside the index keeps its
 * plain name (the entity's index condition then writes no key).
 */
export function statusPartition(status: MessageStatus, messageId: string): string {
  return status === 'PENDING' || status === 'SENDING' ? `${status}#${shardOf(messageId)}` : status;
}

/**
 * Every partition the sweep and the backlog metric read for an open status:
 * its shards, and the unsharded partition items written before sharding
 * still sit in (`PENDING`) until the mailer next touches them.
 */
export function openStatusPartitions(status: 'PENDING' | 'SENDING'): string[] {
  return [...Array.from({ length: openStatusShards }, (_, shard) => `${status}#${shard}`), status];
}
