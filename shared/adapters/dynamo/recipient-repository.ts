import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../../config.js';
import type { RecipientState, RecipientStore } from '../../domain/mail/ports.js';
import type { Preferences } from '../../domain/mail/preferences.js';
import type { SubscriptionCategory } from '../../email/template.js';
import { hashToken } from '../../platform/ids.js';
import { preferencesLinkToken } from '../../platform/link-tokens.js';
import { linkSigningKey } from '../secrets/link-signing-key.js';
import { documentClient } from './client.js';
import { fromItem } from './items.js';
import { entities, keys, normaliseEmail } from './keys.js';
import { ConditionsFailed, writeTogether } from './transaction.js';

/** The stored preferences: what the domain reads, plus the hash of the recipient's link token. */
export interface RecipientPreferences extends Preferences {
  tokenHash: string;
  updatedAt: string;
}

const TableName = () => config.TABLE_NAME;

async function storedPreferences(email: string) {
  const result = await documentClient.send(new GetCommand({ TableName: TableName(), Key: keys.recipientPreferences(email), ConsistentRead: true }));
  return result.Item;
}

/**
 * Preferences written before link tokens were derived hold their token in
 * clear. This moves such an item to the hashed form: the item gets the hash of
 * today's token, and the old token survives only as a hash on a link item, so
 * links in emails already sent keep working. Idempotent (conditional on the
 * clear token still being there).
 */
export async function hashLegacyPreferencesToken(item: Record<string, unknown>, currentToken: string): Promise<boolean> {
  const legacyToken = item.token;
  if (typeof legacyToken !== 'string') return false;
  const email = item.email as string;
  const tokenHash = hashToken(currentToken);
  try {
    await writeTogether([
      {
        Update: {
          TableName: TableName(),
          Key: keys.recipientPreferences(email),
          UpdateExpression: 'SET tokenHash = :hash, gsi2pk = :gsi2pk REMOVE #token',
          ConditionExpression: '#token = :legacy',
          ExpressionAttributeNames: { '#token': 'token' },
          ExpressionAttributeValues: { ':hash': tokenHash, ':gsi2pk': keys.preferencesByTokenHash(tokenHash), ':legacy': legacyToken },
        },
      },
      {
        Put: {
          TableName: TableName(),
          Item: {
            ...keys.recipientLegacyLink(email),
            entity: entities.preferencesLink,
            email,
            gsi2pk: keys.preferencesByTokenHash(hashToken(legacyToken)),
            gsi2sk: 'LINK',
          },
        },
      },
    ]);
    return true;
  } catch (error) {
    // Another mailer (or the migration) moved it first.
    if (error instanceof ConditionsFailed) return false;
    throw error;
  }
}

/** Per-address state: preferences (with the hash of the link token) and suppression, one partition per address. */
export const recipientRepository: RecipientStore & {
  findByToken(token: string): Promise<RecipientPreferences | undefined>;
  setSubscribed(email: string, category: SubscriptionCategory, subscribed: boolean, now: Date): Promise<RecipientPreferences>;
  suppress(email: string, reason: string, detail: string, now: Date): Promise<void>;
} = {
  async state(email) {
    const result = await documentClient.send(
      new QueryCommand({
        TableName: TableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.recipientPartition(email) },
      }),
    );
    const items = result.Items ?? [];
    const suppression = items.find((item) => item.entity === entities.suppression);
    const preferences = items.find((item) => item.entity === entities.preferences);
    const state: RecipientState = { unsubscribed: (preferences?.unsubscribed as SubscriptionCategory[] | undefined) ?? [] };
    if (suppression) state.suppressed = { reason: suppression.reason as string, at: suppression.suppressedAt as string };
    return state;
  },

  async preferencesToken(email, lang) {
    const token = preferencesLinkToken(await linkSigningKey(), normaliseEmail(email));
    const tokenHash = hashToken(token);
    const existing = await documentClient.send(new GetCommand({ TableName: TableName(), Key: keys.recipientPreferences(email) }));
    if (existing.Item?.tokenHash === tokenHash) return token;
    if (existing.Item) {
      await hashLegacyPreferencesToken(existing.Item, token);
      return token;
    }
    try {
      await documentClient.send(
        new PutCommand({
          TableName: TableName(),
          Item: {
            ...keys.recipientPreferences(email),
            entity: entities.preferences,
            email: normaliseEmail(email),
            tokenHash,
            lang,
            unsubscribed: [],
            updatedAt: new Date().toISOString(),
            gsi2pk: keys.preferencesByTokenHash(tokenHash),
            gsi2sk: 'PREFERENCES',
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      // Another mailer created it first: the token is the same, derived from the address.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    return token;
  },

  async findByToken(token) {
    const lookUp = async (gsi2pk: string) =>
      (
        await documentClient.send(
          new QueryCommand({ TableName: TableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': gsi2pk }, Limit: 1 }),
        )
      ).Items?.[0];
    // `PREFTOKEN#<token>` finds an item the migration has not reached yet (`npm run migrate`).
    const found = (await lookUp(keys.preferencesByTokenHash(hashToken(token)))) ?? (await lookUp(`PREFTOKEN#${token}`));
    if (!found) return undefined;
    const item = found.entity === entities.preferences ? found : await storedPreferences(found.email as string);
    if (!item) return undefined;
    const { token: _clear, ...preferences } = fromItem<RecipientPreferences & { token?: string }>(item);
    return preferences;
  },

  async setSubscribed(email, category, subscribed, now) {
    const current = await storedPreferences(email);
    const unsubscribed = new Set((current?.unsubscribed as SubscriptionCategory[] | undefined) ?? []);
    if (subscribed) unsubscribed.delete(category);
    else unsubscribed.add(category);
    const result = await documentClient.send(
      new UpdateCommand({
        TableName: TableName(),
        Key: keys.recipientPreferences(email),
        UpdateExpression: 'SET unsubscribed = :unsubscribed, updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':unsubscribed': [...unsubscribed].sort(), ':now': now.toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const { token: _clear, ...preferences } = fromItem<RecipientPreferences & { token?: string }>(result.Attributes!);
    return preferences;
  },

  async suppress(email, reason, detail, now) {
    await documentClient.send(
      new PutCommand({
        TableName: TableName(),
        Item: { ...keys.recipientSuppression(email), entity: entities.suppression, email: normaliseEmail(email), reason, detail: detail.slice(0, 500), suppressedAt: now.toISOString() },
      }),
    );
  },
};
