// A tiny accessor for the "haier" message namespace until the i18n foundation
// (next-intl, messages/<locale>/<namespace>.json) is wired in: same keys, same
// {placeholder} syntax, so switching to useTranslations("haier") is mechanical.
import en from "@/messages/en/haier.json";

type Vars = Record<string, string | number>;

export function haierText(key: string, vars: Vars = {}): string {
  const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en);
  const text = typeof value === "string" ? value : key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}
