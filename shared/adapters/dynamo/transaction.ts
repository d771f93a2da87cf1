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
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: clientRequestToken }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const failed = (error.CancellationReasons ?? []).flatMap((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? [index] : []));
      if (failed.length > 0) throw new ConditionsFailed(failed);
    }
    throw error;
  }
}
