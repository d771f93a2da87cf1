import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/adapters/dynamo/client.js';
import { hashLegacyPreferencesToken } from '../../shared/adapters/dynamo/recipient-repository.js';
import { glokal } from '../../shared/adapters/dynamo/service.js';
import { linkSigningKey } from '../../shared/adapters/secrets/link-signing-key.js';
import { config } from '../../shared/config.js';
import { preferencesLinkToken } from '../../shared/platform/link-tokens.js';
import type { Migration } from './migration.js';

/**
 * Preferences written before link tokens were derived kept the token in clear
 * (and in their gsi2 key). Each one gets the hash of its derived token; the old
 * token survives only as a hash, so links already sent keep working.
 */
export const hashPreferenceTokens: Migration = {
  name: 'hash-preference-tokens',
  async run() {
    const key = await linkSigningKey();
    let examined = 0;
    let changed = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      // A one-off pass over the table: the only place a scan is acceptable.
      const page = await documentClient.send(
        new ScanCommand({
          TableName: config.TABLE_NAME,
          FilterExpression: 'entity = :entity AND attribute_exists(#token)',
          ExpressionAttributeNames: { '#token': 'token' },
          ExpressionAttributeValues: { ':entity': glokal.entities.recipientPreferences.schema.model.entity },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        examined += 1;
        const { data: stored } = glokal.entities.recipientPreferences.parse({ Item: item });
        if (stored && (await hashLegacyPreferencesToken(stored, preferencesLinkToken(key, stored.email)))) changed += 1;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return { examined, changed };
  },
};
