/** The languages of the interface and of what people write: Hebrew and Arabic first, English a translation. */
export const LANGUAGES = ['he', 'ar', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
