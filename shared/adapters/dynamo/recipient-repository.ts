import type { EntityItem } from 'electrodb';
import type { RecipientState, RecipientStates, RecipientStore } from '../../domain/mail/ports.js';
import type { Preferences } from '../../domain/mail/preferences.js';
import type { SubscriptionCategory } from '../../domain/mail/categories.js';
import type { Language } from '../../domain/language.js';
import { hashToken } from '../../platform/ids.js';
import { preferencesLinkToken } from '../../platform/link-tokens.js';
import { linkSigningKey } from '../secrets/link-signing-key.js';
import { normaliseEmail, perAddressGiven, tolerant } from './entities/common.js';
import { batchGetAll } from './batch-get.js';
import { glokal } from './service.js';
import { ConditionsFailed, isConditionFailure, writeTogether } from './transaction.js';

const { recipientPreferences } = glokal.entities;

/** The stored preferences: what the domain reads, plus the hash of the recipient's link token. */
export interface RecipientPreferences extends Preferences {
  tokenHash: string;
  updatedAt: string;
}

export type StoredPreferences = EntityItem<typeof recipientPreferences>;

/** Never the legacy token in clear. */
const toPreferences = ({ token: _clear, ...preferences }: StoredPreferences): RecipientPreferences => preferences;

async function storedPreferences(email: string): Promise<StoredPreferences | null> {
  return (await recipientPreferences.get({ email: normaliseEmail(email) }).go({ consistent: true })).data;
}

/**
 * Preferences written before link tokens were derived hold their token in
 * clear. This moves such an item to the hashed form: the item gets the hash of
 * today's token, and the old token survives only as a hash on a link item, so
 * links in emails already sent keep working. Idempotent (conditional on the
 * clear token still being there).
 */
export async function hashLegacyPreferencesToken(stored: StoredPreferences, currentToken: string): Promise<boolean> {
  const { token: legacyToken, ...preferences } = stored;
  if (legacyToken === undefined) return false;
  try {
    await writeTogether((tx) => ({
      // A put that replaces the item (dropping `token`) rather than an update: ElectroDB 3.9 rebuilds a
      // secondary index's constant sort key (gsi2sk 'PREFERENCES') as "undefined" when an update changes its partition key.
      recipientPreferences: tx.recipientPreferences
        .put({ ...preferences, tokenHash: hashToken(currentToken) })
        .where((attribute, { eq }) => eq(attribute.token, legacyToken))
        .commit(),
      preferencesLink: tx.preferencesLink.put({ email: stored.email, tokenHash: hashToken(legacyToken) }).commit(),
    }));
    return true;
  } catch (error) {
    // Another mailer (or the migration) moved it first.
    if (error instanceof ConditionsFailed) return false;
    throw error;
  }
}

/** New preferences for an address with the hash of its link token; false if the address has preferences already. */
async function createPreferences(address: string, tokenHash: string, lang: Language): Promise<boolean> {
  try {
    await recipientPreferences.create({ email: address, tokenHash, lang, unsubscribed: [], updatedAt: new Date().toISOString() }).go();
    return true;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return false;
  }
}

/** Collection `linkToken`: the preferences, or a legacy link item, behind a token hash. */
async function preferencesBehind(tokenHash: string): Promise<StoredPreferences | null | undefined> {
  const { data } = await glokal.collections.linkToken({ tokenHash }).go({ ...tolerant, limit: 1 });
  const [preferences] = data.recipientPreferences;
  if (preferences) return preferences;
  const [link] = data.preferencesLink;
  return link ? storedPreferences(link.email) : undefined;
}

/** What the mailer and the digests need of an address: the categories it left, and whether it bounced or complained. */
function stateOf(
  preferences: { unsubscribed?: SubscriptionCategory[]; tokenHash?: string } | undefined,
  suppression: { reason: string; suppressedAt: string } | undefined,
): RecipientState {
  const state: RecipientState = { unsubscribed: preferences?.unsubscribed ?? [] };
  if (preferences?.tokenHash) state.preferencesTokenHash = preferences.tokenHash;
  if (suppression) state.suppressed = { reason: suppression.reason, at: suppression.suppressedAt };
  return state;
}

/** Per-address state: preferences (with the hash of the link token) and suppression, one partition per address. */
export const recipientRepository: RecipientStore &
  RecipientStates & {
  findByToken(token: string): Promise<RecipientPreferences | undefined>;
  setSubscribed(email: string, category: SubscriptionCategory, subscribed: boolean, now: Date): Promise<RecipientPreferences>;
  suppress(email: string, reason: string, detail: string, now: Date): Promise<void>;
} = {
  /** Collection `recipientState`: preferences and suppression in one query. */
  async state(email) {
    const { data } = await glokal.collections.recipientState({ email: normaliseEmail(email) }).go({ ...tolerant, pages: 'all' });
    return stateOf(data.recipientPreferences[0], data.suppression[0]);
  },

  /** The same two items of every address, by key: two batch gets per 100 addresses instead of a query per address. */
  async states(emails) {
    const keys = [...new Set(emails.map(normaliseEmail))].map((email) => ({ email }));
    const [preferences, suppressions] = await Promise.all([
      batchGetAll(keys, (batch) => recipientPreferences.get(batch).go({ consistent: true, attributes: ['email', 'unsubscribed', 'tokenHash'], preserveBatchOrder: false })),
      batchGetAll(keys, (batch) => glokal.entities.suppression.get(batch).go({ consistent: true, attributes: ['email', 'reason', 'suppressedAt'], preserveBatchOrder: false })),
    ]);
    const preferencesOf = new Map(preferences.map((item) => [item.email, item] as const));
    const suppressionOf = new Map(suppressions.map((item) => [item.email, item] as const));
    return perAddressGiven(emails, (address) => stateOf(preferencesOf.get(address), suppressionOf.get(address)));
  },

  async preferencesToken(email, lang, known) {
    const address = normaliseEmail(email);
    const token = preferencesLinkToken(await linkSigningKey(), address);
    const tokenHash = hashToken(token);
    if (known?.preferencesTokenHash === tokenHash) return token;
    // The state just read shows no preferences: create them at once, one write instead of a read and a write.
    if (known && known.preferencesTokenHash === undefined && (await createPreferences(address, tokenHash, lang))) return token;
    const { data: existing } = await recipientPreferences.get({ email: address }).go();
    if (existing?.tokenHash === tokenHash) return token;
    if (existing) {
      await hashLegacyPreferencesToken(existing, token);
      return token;
    }
    // Not created means another mailer created it first: the token is the same, derived from the address.
    await createPreferences(address, tokenHash, lang);
    return token;
  },

  async findByToken(token) {
    // The token in clear finds an item the migration has not reached yet (`npm run migrate`).
    const found = (await preferencesBehind(hashToken(token))) ?? (await preferencesBehind(token));
    return found ? toPreferences(found) : undefined;
  },

  async setSubscribed(email, category, subscribed, now) {
    const current = await storedPreferences(email);
    const unsubscribed = new Set(current?.unsubscribed ?? []);
    if (subscribed) unsubscribed.delete(category);
    else unsubscribed.add(category);
    // `patch`: only preferences that exist.
    const { data } = await recipientPreferences
      .patch({ email: normaliseEmail(email) })
      .set({ unsubscribed: [...unsubscribed].sort(), updatedAt: now.toISOString() })
      .go({ response: 'all_new' });
    return toPreferences(data as StoredPreferences);
  },

  async suppress(email, reason, detail, now) {
    await glokal.entities.suppression.put({ email: normaliseEmail(email), reason, detail: detail.slice(0, 500), suppressedAt: now.toISOString() }).go();
  },
};
