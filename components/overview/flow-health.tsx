"use client";

// A health score per flow with its formula and the points each input took off.
import { useTranslations } from "next-intl";
import { StatusBadge } from "@/components/ui/status-badge";

export interface FlowHealthView {
  flow: string;
  score: number;
  status: string;
  formula: string;
  deductions: Record<string, number>;
}

const SCORE_TONE: Record<string, string> = { healthy: "text-emerald-800", degraded: "text-amber-800", unhealthy: "text-red-800" };

export function FlowHealth({ flows }: { flows: FlowHealthView[] }) {
  const t = useTranslations("overview");
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
      {flows.map((h) => {
        const lost = Object.entries(h.deductions).filter(([, v]) => v > 0);
        return (
          <section
            key={h.flow}
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
            data-testid={`health-${h.flow}`}
            aria-label={t("healthOf", { flow: t(`flows.${h.flow}`) })}
          >
            <h3 className="text-sm font-semibold text-slate-700">{t(`flows.${h.flow}`)}</h3>
            <div className="mt-1 flex items-baseline gap-3">
              <span className={`text-3xl font-semibold ${SCORE_TONE[h.status] ?? ""}`} data-testid={`health-score-${h.flow}`}>
                {h.score}
              </span>
              <StatusBadge status={h.status} />
            </div>
            <ul className="mt-2 text-xs text-slate-700">
              {lost.length === 0 ? (
                <li>{t("noDeductions")}</li>
              ) : (
                lost.map(([k, v]) => (
                  <li key={k}>
                    −{v} {t.has(`deductions.${k}`) ? t(`deductions.${k}`) : k.replaceAll("_", " ")}
                  </li>
                ))
              )}
            </ul>
            <details className="mt-2 text-xs text-slate-700">
              <summary className="cursor-pointer font-medium">{t("formula")}</summary>
              <p className="mt-1 break-words" data-testid={`health-formula-${h.flow}`}>
                {t.has(`formulas.${h.flow}`) ? t(`formulas.${h.flow}`) : h.formula}
              </p>
            </details>
          </section>
        );
      })}
    </div>
  );
}
