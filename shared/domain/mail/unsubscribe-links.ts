import type { SubscriptionCategory } from './categories.js';

export function preferencesUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/unsubscribe/${encodeURIComponent(token)}`;
}

export function unsubscribeUrl(baseUrl: string, token: string, category: SubscriptionCategory): string {
  return `${preferencesUrl(baseUrl, token)}?category=${category}`;
}

/** RFC 8058 one-click unsubscribe headers for member communications. */
export function unsubscribeHeaders(url: string) {
  return [
    { name: 'List-Unsubscribe', value: `<${url}>` },
    { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
  ];
}
