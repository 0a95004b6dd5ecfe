"use client";

// Live rate-limit budgets: how much of each vendor's allowance is spent now.
import { useTranslations } from "next-intl";
import { AbsoluteTime } from "@/components/ui/time";
import { Table, Td, Th } from "@/components/ui/table";
import type { RateBudgets as RateBudgetsData } from "@/lib/overview/get-rate-budgets";

function Meter({ value, max, label, testId }: { value: number; max: number; label: string; testId?: string }) {
  const ratio = max > 0 ? value / max : 0;
  const tone = ratio >= 1 ? "bg-red-700" : ratio >= 0.9 ? "bg-amber-500" : "bg-emerald-600";
  return (
    <div
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      data-testid={testId}
      className="h-3 w-full overflow-hidden rounded bg-slate-200"
    >
      <div className={`h-full ${tone}`} style={{ width: `${Math.min(100, Math.round(ratio * 100))}%` }} />
    </div>
  );
}

export function RateBudgets({ data }: { data: RateBudgetsData }) {
  const t = useTranslations("overview");
  const ws = data.webscraper;
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
      <div>
        <h3 className="text-sm font-semibold text-slate-700">{t("webscraperBudget")}</h3>
        <p className="mt-1 text-2xl font-semibold" data-testid="budget-webscraper">
          {ws.used} / {ws.limit}
        </p>
        <Meter value={ws.used} max={ws.limit} label={t("webscraperBudget")} />
        <p className="mt-1 text-xs text-slate-700">
          {t("webscraperWindow", { percent: Math.round(ws.ratio * 100) })} <AbsoluteTime value={ws.window_start} />
        </p>
      </div>
      <div>
        <h3 className="text-sm font-semibold text-slate-700">{t("temuBudget")}</h3>
        {data.temu.app_keys.length === 0 ? (
          <p className="mt-1 text-sm text-slate-700">{t("temuIdle")}</p>
        ) : (
          <Table testId="budget-temu">
            <thead>
              <tr>
                <Th>{t("appKey")}</Th>
                <Th>{t("peakPerSecond")}</Th>
                <Th>{t("averagePerSecond")}</Th>
              </tr>
            </thead>
            <tbody>
              {data.temu.app_keys.map((k) => (
                <tr key={k.app_key}>
                  <Td>
                    <div className="font-mono text-xs">{k.app_key}</div>
                    <div className="text-xs text-slate-700">{k.shops.join(", ")}</div>
                  </Td>
                  <Td>
                    <div className="mb-1">
                      {k.peak_per_second} / {k.limit_per_second}
                    </div>
                    <Meter value={k.peak_per_second} max={k.limit_per_second} label={`${t("peakPerSecond")} ${k.app_key}`} />
                  </Td>
                  <Td>{k.average_per_second}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <p className="mt-1 text-xs text-slate-700">{t("temuWindow", { seconds: data.temu.window_ms / 1000 })}</p>
      </div>
    </div>
  );
}
