import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { config } from '../../shared/config.js';

/**
 * Visits every item of one entity that matches `filter`, page by page. A
 * one-off pass over the table: migrations are the only place a scan is acceptable.
 */
export async function scanEntity(
  entity: string,
  filter: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> },
  visit: (item: Record<string, unknown>) => Promise<boolean>,
): Promise<{ examined: number; changed: number }> {
  let examined = 0;
  let changed = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({
        TableName: config.TABLE_NAME,
        FilterExpression: `entity = :entity AND (${filter.expression})`,
        ...(filter.names ? { ExpressionAttributeNames: filter.names } : {}),
        ExpressionAttributeValues: { ...filter.values, ':entity': entity },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      examined += 1;
      if (await visit(item)) changed += 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { examined, changed };
}
