/**
 * `transactional` mail (verification, decisions, welcome, RSVP answers) is
 * always sent; `events` and `grants` are member communications a recipient
 * can unsubscribe from.
 */
export const emailCategories = ['transactional', 'events', 'grants'] as const;
export type EmailCategory = (typeof emailCategories)[number];
export type SubscriptionCategory = Exclude<EmailCategory, 'transactional'>;
export const subscriptionCategories: SubscriptionCategory[] = ['events', 'grants'];
