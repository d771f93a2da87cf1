import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { config } from '../../shared/config.js';

/**
 * The outbox messages ever queued to an address, read from the test file's own
 * table: what will be sent, known at once, so a test asserts "nothing more"
 * without sleeping and hoping. (A scan: fine for a test table, never on a request path.)
 */
export async function queuedMessagesTo(to: string): Promise<{ template: string; status: string }[]> {
  const items: { template: string; status: string }[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({
        TableName: config.TABLE_NAME,
        FilterExpression: 'begins_with(pk, :outbox) AND #to = :to',
        ExpressionAttributeNames: { '#to': 'to' },
        ExpressionAttributeValues: { ':outbox': 'OUTBOX#', ':to': to },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((page.Items ?? []) as { template: string; status: string }[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
