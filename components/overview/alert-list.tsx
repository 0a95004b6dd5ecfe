"use client";

// What is wrong right now: every active alert, most severe first, with when it
// was first and last seen, a link to the thing that is wrong, and acknowledge.
import Link from "next/link";
import { useTimeZone, useTranslations } from "next-intl";
import { AbsoluteTime, RelativeTime } from "@/components/ui/time";
import { formatAbsoluteTime } from "@/lib/i18n/format-time";
import { DEFAULT_TIME_ZONE } from "@/lib/i18n/time-zones";

export interface AlertView {
  id: number;
  kind: string;
  flow: string;
  severity: string;
  message: string;
  link: string | null;
  details: Record<string, unknown> | null;
  first_seen_at: string;
  last_seen_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
}

const SEVERITY_TONE: Record<string, string> = {
  critical: "border-red-300 bg-red-50",
  warning: "border-amber-300 bg-amber-50",
  info: "border-slate-200 bg-slate-50",
};
const SEVERITY_BADGE: Record<string, string> = {
  critical: "bg-red-700 text-white",
  warning: "bg-amber-200 text-amber-950",
  info: "bg-slate-200 text-slate-800",
};

/** The alert in the UI language when the catalog words its kind; else the evaluator's own message. */
function useAlertText() {
  const t = useTranslations("overview");
  const timeZone = useTimeZone() ?? DEFAULT_TIME_ZONE;
  return (alert: AlertView) => {
    const kindKey = `alertKinds.${alert.kind}`;
    const title = t.has(kindKey) ? t(kindKey) : alert.kind.replaceAll("_", " ");
    const textKey = `alertText.${alert.kind}`;
    if (!t.has(textKey)) return { title, text: alert.message };
    const params: Record<string, string | number> = {};
    for (const [key, value] of Object.entries(alert.details ?? {})) {
      if (value === null || value === undefined) params[key] = "—";
      else if (key.endsWith("_at") && typeof value === "string") params[key] = formatAbsoluteTime(value, timeZone);
      else if (typeof value === "number") params[key] = Number.isInteger(value) ? value : Math.round(value * 100) / 100;
      else if (typeof value === "string" || typeof value === "boolean") params[key] = String(value);
    }
    try {
      return { title, text: t(textKey, params) };
    } catch {
      // A detail the wording needs is missing (an older alert row): the stored message still says it.
      return { title, text: alert.message };
    }
  };
}

export function AlertList({
  alerts,
  onAcknowledge,
  pendingId,
}: {
  alerts: AlertView[];
  onAcknowledge: (id: number) => void;
  pendingId: number | null;
}) {
  const t = useTranslations("overview");
  const text = useAlertText();
  if (alerts.length === 0) {
    return (
      <p className="rounded border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="cockpit-all-clear">
        {t("allClear")}
      </p>
    );
  }
  return (
    <ul className="space-y-2" data-testid="cockpit-alerts">
      {alerts.map((alert) => {
        const { title, text: body } = text(alert);
        return (
          <li
            key={alert.id}
            data-testid={`alert-${alert.kind}`}
            data-alert-id={alert.id}
            className={`rounded border px-3 py-2 text-sm ${SEVERITY_TONE[alert.severity] ?? ""}`}
          >
            <div className="flex flex-wrap items-start gap-2">
              <span className={`rounded px-2 py-0.5 text-xs font-semibold ${SEVERITY_BADGE[alert.severity] ?? ""}`}>
                {t(`severity.${alert.severity === "critical" || alert.severity === "warning" ? alert.severity : "info"}`)}
              </span>
              <span className="rounded bg-white px-2 py-0.5 text-xs text-slate-700 ring-1 ring-slate-200">
                {t.has(`flows.${alert.flow}`) ? t(`flows.${alert.flow}`) : alert.flow}
              </span>
              <span className="font-semibold text-slate-900">{title}</span>
              <span className="ml-auto flex flex-wrap items-center gap-2">
                {alert.link && (
                  <Link href={alert.link} className="text-xs font-medium text-blue-800 underline underline-offset-2">
                    {t("openLink")}
                  </Link>
                )}
                {alert.acknowledged_at ? (
                  <span className="text-xs text-slate-700" data-testid="alert-acknowledged">
                    {t("acknowledgedBy", { by: alert.acknowledged_by ?? "—" })} <RelativeTime value={alert.acknowledged_at} />
                  </span>
                ) : (
                  <button
                    type="button"
                    onClick={() => onAcknowledge(alert.id)}
                    disabled={pendingId === alert.id}
                    className="rounded border border-slate-400 bg-white px-2 py-0.5 text-xs font-medium text-slate-800 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-700 disabled:opacity-60"
                  >
                    {t("acknowledge")}
                  </button>
                )}
              </span>
            </div>
            <p className="mt-1 break-words text-slate-800">{body}</p>
            <p className="mt-1 text-xs text-slate-700">
              {t("firstSeen")} <AbsoluteTime value={alert.first_seen_at} /> · {t("lastSeen")} <RelativeTime value={alert.last_seen_at} />
            </p>
          </li>
        );
      })}
    </ul>
  );
}
