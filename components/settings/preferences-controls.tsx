"use client";

// The dashboard's language and time zone: saved on the user (PATCH /api/me/preferences),
// so the choice follows the account across sessions and browsers.
import { useLocale, useTimeZone, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import { LOCALES } from "@/lib/i18n/locales";
import { COMMON_TIME_ZONES, DEFAULT_TIME_ZONE } from "@/lib/i18n/time-zones";

export function PreferencesControls() {
  const t = useTranslations("settings");
  const locale = useLocale();
  const timeZone = useTimeZone() ?? DEFAULT_TIME_ZONE;
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const zones = (COMMON_TIME_ZONES as readonly string[]).includes(timeZone) ? COMMON_TIME_ZONES : [timeZone, ...COMMON_TIME_ZONES];

  async function save(body: Record<string, string>) {
    setPending(true);
    setError(null);
    try {
      await fetchJson("/api/me/preferences", { method: "PATCH", body: JSON.stringify(body) });
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <label className="flex items-center gap-1 text-xs text-slate-600">
        {t("language")}
        <select
          data-testid="language-setting"
          value={locale}
          disabled={pending}
          onChange={(e) => save({ locale: e.target.value })}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        >
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {t(`languages.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1 text-xs text-slate-600">
        {t("timeZone")}
        <select
          data-testid="time-zone-setting"
          value={timeZone}
          disabled={pending}
          onChange={(e) => save({ time_zone: e.target.value })}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        >
          {zones.map((z) => (
            <option key={z} value={z}>
              {t.has(`zones.${z}`) ? t(`zones.${z}`) : z}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {t("saveFailed", { message: error })}
        </span>
      )}
    </div>
  );
}
