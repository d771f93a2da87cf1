import { hashLegacyPreferencesToken } from '../../shared/adapters/dynamo/recipient-repository.js';
import { glokal } from '../../shared/adapters/dynamo/service.js';
import { linkSigningKey } from '../../shared/adapters/secrets/link-signing-key.js';
import { preferencesLinkToken } from '../../shared/platform/link-tokens.js';
import type { Migration } from './migration.js';
import { scanEntity } from './scan-entity.js';

/**
 * Preferences written before link tokens were derived kept the token in clear
 * (and in their gsi2 key). Each one gets the hash of its derived token; the old
 * token survives only as a hash, so links already sent keep working.
 */
export const hashPreferenceTokens: Migration = {
  name: 'hash-preference-tokens',
  async run() {
    const key = await linkSigningKey();
    return scanEntity(
      glokal.entities.recipientPreferences.schema.model.entity,
      { expression: 'attribute_exists(#token)', names: { '#token': 'token' } },
      async (item) => {
        const { data: stored } = glokal.entities.recipientPreferences.parse({ Item: item });
        return Boolean(stored && (await hashLegacyPreferencesToken(stored, preferencesLinkToken(key, stored.email))));
      },
    );
  },
};
