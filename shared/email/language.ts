export const languages = ['pl', 'en'] as const;
export type Language = (typeof languages)[number];

const locales: Record<Language, string> = { pl: 'pl-PL', en: 'en-GB' };

/** Instants are stored in UTC and shown in Warsaw time, in the reader's language. */
export function formatDateTime(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Warsaw' }).format(new Date(iso));
}

export function formatDate(iso: string, lang: Language): string {
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'long', timeZone: 'Europe/Warsaw' }).format(new Date(iso));
}
