// Until the shared i18n foundation lands: the Temu namespace catalogs read
// through one accessor, so wiring next-intl later is a one-line change.
import en from "@/messages/en/temu.json";
import zhCN from "@/messages/zh-CN/temu.json";

export type TemuMessageKey = keyof typeof en;
const catalogs: Record<string, Record<TemuMessageKey, string>> = { en, "zh-CN": zhCN };

export function temuMessages(locale = "en") {
  const catalog = catalogs[locale] ?? en;
  return (key: TemuMessageKey) => catalog[key] ?? en[key];
}
