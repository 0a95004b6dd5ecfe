"use client";

import { useTranslations } from "next-intl";

/** A batch's progress: completed in green, failed in red, the rest still to come. */
export function ProgressBar({ total, completed, failed }: { total: number; completed: number; failed: number }) {
  const t = useTranslations("tracking");
  const pct = (n: number) => (total > 0 ? (n / total) * 100 : 0);
  return (
    <div
      className="flex h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={completed + failed}
      aria-label={t("progressLabel", { completed, total, failed })}
    >
      <div className="bg-emerald-500" style={{ width: `${pct(completed)}%` }} />
      <div className="bg-red-500" style={{ width: `${pct(failed)}%` }} />
    </div>
  );
}
