import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A transaction refused because a condition failed; `failedIndexes` says which items' conditions. */
export class ConditionsFailed extends Error {
  override name = 'ConditionsFailed';
  constructor(readonly failedIndexes: number[]) {
    super(`Transaction conditions failed at ${failedIndexes.join(', ')}`);
  }
}

/**
 * Writes all items or none. Use cases put their state change and the emails
 * it causes (outboxPut) into one call, so an email exists exactly when the
 * change happened.
 */
export async function writeTogether(items: TransactItem[], clientRequestToken?: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await documentClient.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: clientRequestToken }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.flatMap((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? [index] : []));
      if (failed.length > 0) throw new ConditionsFailed(failed);
      // Another transaction touched the same item at that moment (two administrators clicking at once):
      // try again shortly; the retry then meets the other's result in its conditions.
      if (attempt >= conflictAttempts || !reasons.some((reason) => reason.Code === 'TransactionConflict')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
    }
  }
}

const conflictAttempts = 4;
