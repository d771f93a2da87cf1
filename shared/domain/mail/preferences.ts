import { NotFoundError, ValidationError } from '../errors.js';
import type { Language } from '../language.js';
import { subscriptionCategories, type SubscriptionCategory } from './categories.js';

export interface Preferences {
  email: string;
  lang: Language;
  unsubscribed: SubscriptionCategory[];
}

export interface PreferencesStore {
  findByToken(token: string): Promise<Preferences | undefined>;
  setSubscribed(email: string, category: SubscriptionCategory, subscribed: boolean, now: Date): Promise<Preferences>;
}

interface Deps {
  store: PreferencesStore;
  now: () => Date;
}

export async function preferencesFor(token: string, deps: Deps): Promise<Preferences> {
  const preferences = await deps.store.findByToken(token);
  if (!preferences) throw new NotFoundError('This link is not valid.');
  return preferences;
}

/**
 * RFC 8058 one-click: unsubscribes from the category of the message whose link
 * it was. A link without a category (the preferences link) cannot one-click:
 * nothing changes and the caller learns why.
 */
export async function unsubscribeOneClick(token: string, category: SubscriptionCategory | undefined, deps: Deps): Promise<Preferences> {
  const preferences = await preferencesFor(token, deps);
  if (!category) throw new ValidationError([{ path: 'category', message: 'A one-click unsubscribe names the category of its message (events or grants).' }]);
  return deps.store.setSubscribed(preferences.email, category, false, deps.now());
}

export async function savePreferences(token: string, subscribed: Record<SubscriptionCategory, boolean>, deps: Deps): Promise<Preferences> {
  let preferences = await preferencesFor(token, deps);
  for (const category of subscriptionCategories) {
    preferences = await deps.store.setSubscribed(preferences.email, category, subscribed[category], deps.now());
  }
  return preferences;
}
