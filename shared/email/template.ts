import type { MessageData, MessageName } from '../domain/mail/messages.js';
import { messageCategories } from '../domain/mail/messages.js';
import type { EmailCategory } from '../domain/mail/categories.js';
import type { EmailContent } from './blocks.js';
import type { Language } from './language.js';

export { emailCategories, subscriptionCategories, type EmailCategory, type SubscriptionCategory } from '../domain/mail/categories.js';

export interface EmailTemplate<Data> {
  /** From the domain: whether the message is transactional or a member communication. */
  category: EmailCategory;
  render(data: Data, lang: Language): EmailContent;
  /** Realistic data for `npm run email:preview` and the template tests. */
  sample: Data;
}

/** The wording of one message of the domain's catalogue; its data type and category come from the domain. */
export function defineTemplate<N extends MessageName>(name: N, template: Omit<EmailTemplate<MessageData[N]>, 'category'>): EmailTemplate<MessageData[N]> {
  return { ...template, category: messageCategories[name] };
}
