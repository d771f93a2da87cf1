import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { ConditionsFailed, TransactionCancelled, writeTogether, type TransactionEntities } from '../../shared/adapters/dynamo/transaction.js';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

/** Three named writes, the middle one a lock (its condition is what a concurrent submit would trip). */
const writes = (tx: TransactionEntities) => ({
  verification: tx.verification.put({ tokenHash: 'hash', applicationId: 'a-1', language: 'pl', expiresAtIso: '2026-01-01T00:00:00.000Z' }).commit(),
  organisationLock: tx.organisationLock.create({ organisationIdentity: 'PL-NIP-5260001246', owner: 'a-1', ownerKind: 'application' }).commit(),
  messages: [tx.auditEntry.create({ auditId: 'x', at: '2026-01-01T00:00:00.000Z', day: '2026-01-01', actor: { subject: 's' }, action: 'a', target: 't' }).commit()],
});

afterEach(() => vi.restoreAllMocks());

describe('writeTogether', () => {
  it('names the writes whose conditions failed, not their positions', async () => {
    vi.spyOn(documentClient, 'send').mockRejectedValue(cancelled('None', 'ConditionalCheckFailed', 'None'));
    const refusal = await writeTogether(writes).catch((error: unknown) => error);
    expect(refusal).toEqual(new ConditionsFailed(['organisationLock']));
    expect((refusal as ConditionsFailed).rejected('organisationLock')).toBe(true);
    expect((refusal as ConditionsFailed).rejected('verification')).toBe(false);
  });

  it('sends the writes in one TransactWriteItems call, in order, with their conditions', async () => {
    const send = vi.spyOn(documentClient, 'send').mockResolvedValue({} as never);
    await writeTogether(writes);
    expect(send).toHaveBeenCalledTimes(1);
    const input = (send.mock.calls[0]![0] as { input: { TransactItems: Array<Record<string, { Key?: object; Item?: object; ConditionExpression?: string }>> } }).input;
    expect(input.TransactItems.map((item) => Object.keys(item)[0])).toEqual(['Put', 'Put', 'Put']);
    expect(input.TransactItems[1]!.Put).toMatchObject({ Item: { pk: 'ORGANISATION#PL-NIP-5260001246', sk: 'LOCK' }, ConditionExpression: expect.stringContaining('attribute_not_exists') });
  });

  it('retries a transaction that collided with another on the same item', async () => {
    const send = vi.spyOn(documentClient, 'send').mockRejectedValueOnce(cancelled('TransactionConflict', 'None', 'None')).mockResolvedValueOnce({} as never);
    await expect(writeTogether(writes)).resolves.toBeUndefined();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('gives up after repeated collisions, naming the colliding writes', async () => {
    const send = vi.spyOn(documentClient, 'send').mockRejectedValue(cancelled('None', 'TransactionConflict', 'None'));
    await expect(writeTogether(writes)).rejects.toEqual(new TransactionCancelled([{ name: 'organisationLock', code: 'TransactionConflict' }]));
    expect(send).toHaveBeenCalledTimes(4);
  });

  it('passes other errors through', async () => {
    vi.spyOn(documentClient, 'send').mockRejectedValue(new Error('network down'));
    await expect(writeTogether(writes)).rejects.toThrow('network down');
  });
});
