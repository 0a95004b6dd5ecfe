"use client";

// The sign-in page's language switch: no account yet, so the choice is a cookie.
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/locales";

export function LanguageSwitch() {
  const t = useTranslations("settings");
  const locale = useLocale();
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-xs text-slate-600">
      {t("language")}
      <select
        data-testid="language-switch"
        value={locale}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        onChange={(e) => {
          document.cookie = `${LOCALE_COOKIE}=${encodeURIComponent(e.target.value)}; path=/; max-age=${365 * 24 * 3600}; samesite=lax`;
          router.refresh();
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`languages.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
