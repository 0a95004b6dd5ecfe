"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { StatusBarChart } from "@/components/overview/status-bar-chart";
import { StatusCountTable } from "@/components/overview/status-count-table";
import { Card, Stat } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { fetchJson } from "@/lib/client/fetch-json";
import type { OverviewCounts } from "@/lib/overview/get-overview-counts";

export default function OverviewPage() {
  const t = useTranslations("overview");
  const { data, isLoading, error } = useQuery({
    queryKey: ["overview"],
    queryFn: () => fetchJson<OverviewCounts>("/api/overview"),
    refetchInterval: 10_000,
  });

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <QueryState isLoading={isLoading} error={error}>
        {data && (
          <div className="flex flex-col gap-6">
            <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
              <Stat label={t("totalPurchasings")} value={data.totals.purchasings} testId="total-purchasings" />
              <Stat label={t("withoutTrackingNumber")} value={data.totals.withoutTrackingNumber} testId="total-without-tracking" />
              <Stat label={t("trackingBatches")} value={data.totals.trackingBatches} testId="total-batches" />
            </div>
            <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
              <Card title={t("purchasingsByStatus")}>
                <StatusBarChart data={data.purchasingsByDeliveryStatus} />
                <StatusCountTable rows={data.purchasingsByDeliveryStatus} testId="purchasings-by-status" />
              </Card>
              <Card title={t("batchesByStatus")}>
                <StatusBarChart data={data.trackingBatchesByStatus} color="#2563eb" />
                <StatusCountTable rows={data.trackingBatchesByStatus} testId="batches-by-status" />
              </Card>
            </div>
          </div>
        )}
      </QueryState>
    </>
  );
}
