import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../../config.js';
import type { RecipientState, RecipientStore } from '../../domain/mail/ports.js';
import type { Preferences } from '../../domain/mail/preferences.js';
import type { SubscriptionCategory } from '../../email/template.js';
import { randomIds } from '../../platform/ids.js';
import { documentClient } from './client.js';
import { fromItem } from './items.js';
import { entities, keys, normaliseEmail } from './keys.js';

/** The stored preferences: what the domain reads, plus the recipient's link token. */
export interface RecipientPreferences extends Preferences {
  token: string;
  updatedAt: string;
}

/** Per-address state: preferences (with the unsubscribe token) and suppression, one partition per address. */
export const recipientRepository: RecipientStore & {
  findByToken(token: string): Promise<RecipientPreferences | undefined>;
  setSubscribed(email: string, category: SubscriptionCategory, subscribed: boolean, now: Date): Promise<RecipientPreferences>;
  suppress(email: string, reason: string, detail: string, now: Date): Promise<void>;
} = {
  async state(email) {
    const result = await documentClient.send(
      new QueryCommand({
        TableName: config.TABLE_NAME,
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
    const key = keys.recipientPreferences(email);
    const existing = await documentClient.send(new GetCommand({ TableName: config.TABLE_NAME, Key: key, ProjectionExpression: '#token', ExpressionAttributeNames: { '#token': 'token' } }));
    if (existing.Item?.token) return existing.Item.token as string;
    const token = randomIds.newToken();
    try {
      await documentClient.send(
        new PutCommand({
          TableName: config.TABLE_NAME,
          Item: {
            ...key,
            entity: entities.preferences,
            email: normaliseEmail(email),
            token,
            lang,
            unsubscribed: [],
            updatedAt: new Date().toISOString(),
            gsi2pk: keys.preferencesByToken(token),
            gsi2sk: 'PREFERENCES',
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return token;
    } catch (error) {
      // Another mailer created it first: use theirs, so every link of this address stays valid.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const created = await documentClient.send(new GetCommand({ TableName: config.TABLE_NAME, Key: key, ConsistentRead: true }));
      return created.Item!.token as string;
    }
  },

  async findByToken(token) {
    const result = await documentClient.send(
      new QueryCommand({
        TableName: config.TABLE_NAME,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.preferencesByToken(token) },
        Limit: 1,
      }),
    );
    const item = result.Items?.[0];
    return item ? fromItem<RecipientPreferences>(item) : undefined;
  },

  async setSubscribed(email, category, subscribed, now) {
    const current = await documentClient.send(new GetCommand({ TableName: config.TABLE_NAME, Key: keys.recipientPreferences(email), ConsistentRead: true }));
    const unsubscribed = new Set((current.Item?.unsubscribed as SubscriptionCategory[] | undefined) ?? []);
    if (subscribed) unsubscribed.delete(category);
    else unsubscribed.add(category);
    const result = await documentClient.send(
      new UpdateCommand({
        TableName: config.TABLE_NAME,
        Key: keys.recipientPreferences(email),
        UpdateExpression: 'SET unsubscribed = :unsubscribed, updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':unsubscribed': [...unsubscribed].sort(), ':now': now.toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return fromItem<RecipientPreferences>(result.Attributes!);
  },

  async suppress(email, reason, detail, now) {
    await documentClient.send(
      new PutCommand({
        TableName: config.TABLE_NAME,
        Item: { ...keys.recipientSuppression(email), entity: entities.suppression, email: normaliseEmail(email), reason, detail: detail.slice(0, 500), suppressedAt: now.toISOString() },
      }),
    );
  },
};
