import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { ConditionsFailed, writeTogether } from '../../shared/adapters/dynamo/transaction.js';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

afterEach(() => vi.restoreAllMocks());

describe('writeTogether', () => {
  it('names the items whose conditions failed', async () => {
    vi.spyOn(documentClient, 'send').mockRejectedValue(cancelled('None', 'ConditionalCheckFailed', 'None'));
    await expect(writeTogether([])).rejects.toEqual(new ConditionsFailed([1]));
  });

  it('retries a transaction that collided with another on the same item', async () => {
    const send = vi.spyOn(documentClient, 'send').mockRejectedValueOnce(cancelled('TransactionConflict', 'None')).mockResolvedValueOnce({} as never);
    await expect(writeTogether([])).resolves.toBeUndefined();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('gives up after repeated collisions', async () => {
    const send = vi.spyOn(documentClient, 'send').mockRejectedValue(cancelled('TransactionConflict'));
    await expect(writeTogether([])).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(send).toHaveBeenCalledTimes(4);
  });
});
