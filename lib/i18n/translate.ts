// Translation outside React (API error messages, scripts): the same catalogs
// and ICU syntax as the pages.
import { createTranslator } from "next-intl";
import { loadMessages } from "./load-messages";
import type { Locale } from "./locales";

export function translatorFor(locale: Locale, namespace?: string) {
  return createTranslator({ locale, messages: loadMessages(locale) as never, namespace: namespace as never });
}

/** The message at `key` (e.g. "errors.run_not_found"), or null when the catalog has none. */
export function translateOrNull(locale: Locale, key: string, values: Record<string, string | number> = {}): string | null {
  const t = createTranslator({
    locale,
    messages: loadMessages(locale) as never,
    onError: () => undefined,
    getMessageFallback: () => "\u0000",
  });
  const has = (t as unknown as { has(key: string): boolean }).has(key);
  if (!has) return null;
  const text = (t as unknown as (key: string, values: Record<string, string | number>) => string)(key, values);
  return text === "\u0000" ? null : text;
}
