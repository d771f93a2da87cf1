/** Every email and page exists in Polish (the default) and English; each contact has a preferred language. */
export const languages = ['pl', 'en'] as const;
export type Language = (typeof languages)[number];
