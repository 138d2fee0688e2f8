/**
 * A text the server holds in both languages: `{ fr, en }`, English optional (an exam or a training may have
 * no translation). The one shape the pages read a localized title in; see `localized`.
 */
export interface LocalizedText {
  fr: string;
  en?: string | null;
}

/** The text in the interface's language, French when there is no English. */
export function localized(text: LocalizedText, lang: string): string {
  return lang.startsWith('en') && text.en ? text.en : text.fr;
}
