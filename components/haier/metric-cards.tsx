"use client";

import { useTranslations } from "next-intl";
import type { SyncMetric, SyncMetrics } from "@/lib/haier/sync-metrics";

function Card({
  label,
  metric,
  format,
  target,
  testId,
}: {
  label: string;
  metric: SyncMetric;
  format: (v: number) => string;
  target: string;
  testId: string;
}) {
  const t = useTranslations("haier");
  const tone =
    metric.value === null ? "border-slate-200" : metric.breached ? "border-red-300 bg-red-50" : "border-emerald-200 bg-emerald-50";
  return (
    <div
      className={`rounded-lg border px-4 py-3 shadow-sm ${tone}`}
      data-testid={testId}
      data-breached={metric.breached ? "true" : "false"}
    >
      <div className="text-xs uppercase tracking-wide text-slate-500">{label}</div>
      <div className={`mt-1 text-2xl font-semibold ${metric.breached ? "text-red-700" : ""}`}>
        {metric.value === null ? "—" : format(metric.value)}
      </div>
      <div className="text-xs text-slate-500">
        {t("metrics.target")} {target}
      </div>
    </div>
  );
}

export function MetricCards({ metrics }: { metrics: SyncMetrics }) {
  const t = useTranslations("haier");
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  return (
    <div>
      <h2 className="mb-2 text-sm font-semibold text-slate-700">{t("metrics.title", { runs: metrics.runs })}</h2>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Card
          testId="metric-throughput"
          label={t("metrics.productsPerMinute")}
          metric={metrics.productsPerMinute}
          format={(v) => Math.round(v).toLocaleString()}
          target="> 100"
        />
        <Card testId="metric-success-rate" label={t("metrics.successRate")} metric={metrics.successRate} format={pct} target="> 95 %" />
        <Card
          testId="metric-latency"
          label={t("metrics.avgApiLatency")}
          metric={metrics.avgApiLatencySeconds}
          format={(v) => `${v.toFixed(2)} s`}
          target="< 5 s"
        />
        <Card testId="metric-failure-rate" label={t("metrics.failureRate")} metric={metrics.failureRate} format={pct} target="< 5 %" />
      </div>
    </div>
  );
}
