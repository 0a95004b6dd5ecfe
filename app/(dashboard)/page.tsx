"use client";

// The operations cockpit (issue 11 §3): what is wrong right now first (active
// alerts with acknowledge), then each flow's health, the live rate budgets,
// the 14-day trends, and the order and batch counts.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTimeZone, useTranslations } from "next-intl";
import { AlertList, type AlertView } from "@/components/overview/alert-list";
import { FlowHealth, type FlowHealthView } from "@/components/overview/flow-health";
import { RateBudgets } from "@/components/overview/rate-budgets";
import { StatusBarChart } from "@/components/overview/status-bar-chart";
import { StatusCountTable } from "@/components/overview/status-count-table";
import { TrendCharts } from "@/components/overview/trend-charts";
import { Card, Stat } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { RelativeTime } from "@/components/ui/time";
import { useToast } from "@/components/ui/toast";
import { fetchJson } from "@/lib/client/fetch-json";
import { DEFAULT_TIME_ZONE } from "@/lib/i18n/time-zones";
import type { OverviewCounts } from "@/lib/overview/get-overview-counts";
import type { RateBudgets as RateBudgetsData } from "@/lib/overview/get-rate-budgets";
import type { CockpitTrends } from "@/lib/overview/get-cockpit-trends";

interface CockpitData {
  evaluated_at: string;
  executor: { running: boolean; last_cron_at: string | null };
  alerts: AlertView[];
  health: FlowHealthView[];
}

export default function OverviewPage() {
  const t = useTranslations("overview");
  const timeZone = useTimeZone() ?? DEFAULT_TIME_ZONE;
  const queryClient = useQueryClient();
  const toast = useToast();
  const cockpit = useQuery({
    queryKey: ["cockpit"],
    queryFn: () => fetchJson<CockpitData>("/api/overview/cockpit"),
    refetchInterval: 10_000,
  });
  const budgets = useQuery({
    queryKey: ["cockpit-budgets"],
    queryFn: () => fetchJson<RateBudgetsData>("/api/overview/budgets"),
    refetchInterval: 3_000,
  });
  const trends = useQuery({
    queryKey: ["cockpit-trends", timeZone],
    queryFn: () => fetchJson<CockpitTrends>(`/api/overview/trends?${new URLSearchParams({ tz: timeZone })}`),
    refetchInterval: 60_000,
  });
  const counts = useQuery({ queryKey: ["overview"], queryFn: () => fetchJson<OverviewCounts>("/api/overview"), refetchInterval: 10_000 });

  const acknowledge = useMutation({
    mutationFn: (id: number) => fetchJson<{ alert: AlertView }>(`/api/alerts/${id}/acknowledge`, { method: "POST", body: "{}" }),
    onSuccess: () => {
      toast({ kind: "success", message: t("acknowledged") });
      void queryClient.invalidateQueries({ queryKey: ["cockpit"] });
    },
    onError: (error) => {
      toast({ kind: "error", message: (error as Error).message });
      void queryClient.invalidateQueries({ queryKey: ["cockpit"] });
    },
  });

  const active = cockpit.data?.alerts ?? [];
  const unacknowledged = active.filter((a) => !a.acknowledged_at).length;

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-col gap-6">
        <Card
          title={
            <>
              {t("wrongNow")}{" "}
              {cockpit.data && (
                <span className="ml-1 rounded bg-slate-800 px-2 py-0.5 text-xs text-white" data-testid="cockpit-alert-count">
                  {unacknowledged}/{active.length}
                </span>
              )}
            </>
          }
          action={
            cockpit.data ? (
              <span className="text-xs text-slate-700">
                {t("evaluated")} <RelativeTime value={cockpit.data.evaluated_at} />
              </span>
            ) : undefined
          }
        >
          <QueryState isLoading={cockpit.isLoading} error={cockpit.error}>
            {cockpit.data && (
              <AlertList
                alerts={active}
                onAcknowledge={(id) => acknowledge.mutate(id)}
                pendingId={acknowledge.isPending ? (acknowledge.variables ?? null) : null}
              />
            )}
          </QueryState>
        </Card>

        <section aria-labelledby="cockpit-health">
          <h2 id="cockpit-health" className="mb-2 text-sm font-semibold text-slate-700">
            {t("health")}
          </h2>
          <QueryState isLoading={cockpit.isLoading} error={cockpit.error}>
            {cockpit.data && <FlowHealth flows={cockpit.data.health} />}
          </QueryState>
        </section>

        <Card title={t("budgets")}>
          <QueryState isLoading={budgets.isLoading} error={budgets.error}>
            {budgets.data && <RateBudgets data={budgets.data} />}
          </QueryState>
        </Card>

        <section aria-labelledby="cockpit-trends">
          <h2 id="cockpit-trends" className="mb-2 text-sm font-semibold text-slate-700">
            {t("trends")}
          </h2>
          <QueryState isLoading={trends.isLoading} error={trends.error}>
            {trends.data && <TrendCharts data={trends.data} />}
          </QueryState>
        </section>

        <QueryState isLoading={counts.isLoading} error={counts.error}>
          {counts.data && (
            <div className="flex flex-col gap-6">
              <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
                <Stat label={t("totalPurchasings")} value={counts.data.totals.purchasings} testId="total-purchasings" />
                <Stat label={t("withoutTrackingNumber")} value={counts.data.totals.withoutTrackingNumber} testId="total-without-tracking" />
                <Stat label={t("trackingBatches")} value={counts.data.totals.trackingBatches} testId="total-batches" />
              </div>
              <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
                <Card title={t("purchasingsByStatus")}>
                  <StatusBarChart data={counts.data.purchasingsByDeliveryStatus} />
                  <StatusCountTable rows={counts.data.purchasingsByDeliveryStatus} testId="purchasings-by-status" />
                </Card>
                <Card title={t("batchesByStatus")}>
                  <StatusBarChart data={counts.data.trackingBatchesByStatus} color="#2563eb" />
                  <StatusCountTable rows={counts.data.trackingBatchesByStatus} testId="batches-by-status" />
                </Card>
              </div>
            </div>
          )}
        </QueryState>
      </div>
    </>
  );
}
