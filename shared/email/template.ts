import type { EmailContent } from './blocks.js';
import type { Language } from './language.js';

/**
 * `transactional` mail (verification, decisions, welcome, RSVP answers) is
 * always sent; `events` and `grants` are member communications a recipient
 * can unsubscribe from.
 */
export const emailCategories = ['transactional', 'events', 'grants'] as const;
export type EmailCategory = (typeof emailCategories)[number];
export type SubscriptionCategory = Exclude<EmailCategory, 'transactional'>;
export const subscriptionCategories: SubscriptionCategory[] = ['events', 'grants'];

export interface EmailTemplate<Data> {
  category: EmailCategory;
  render(data: Data, lang: Language): EmailContent;
  /** Realistic data for `npm run email:preview` and the template tests. */
  sample: Data;
}

export function defineTemplate<Data>(template: EmailTemplate<Data>): EmailTemplate<Data> {
  return template;
}
