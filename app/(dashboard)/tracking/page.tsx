"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { LabeledSelect } from "@/components/ui/form-controls";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { RelativeTime } from "@/components/ui/time";
import { useUrlState } from "@/components/ui/use-url-state";
import { Table, Td, Th } from "@/components/ui/table";
import { ImportBatchForm } from "@/components/tracking/import-batch-form";
import { ProgressBar } from "@/components/tracking/progress-bar";
import { RunWorkerButtons } from "@/components/tracking/run-worker-buttons";
import { fetchJson } from "@/lib/client/fetch-json";
import type { serializeBatch } from "@/lib/tracking/batches/get-batch-summary";
import { TRACKER_NAMES } from "@/lib/tracking/tracker-configs";
import { TRACKING_BATCH_STATUSES } from "@/lib/db/enum-lists";

type Batch = ReturnType<typeof serializeBatch>;

export default function TrackingBatchesPage() {
  const t = useTranslations("tracking");
  const { values, set } = useUrlState({ task_name: "", days: "7" });
  const { task_name: taskName, days } = values;
  const params = new URLSearchParams({ task_name: taskName, days });
  const { data, isLoading, error } = useQuery({
    queryKey: ["tracking-batches", taskName, days],
    queryFn: () => fetchJson<{ batches: Batch[] }>(`/api/tracking/batches?${params}`),
    placeholderData: keepPreviousData,
    // Live progress while any batch is still running.
    refetchInterval: (query) =>
      query.state.data?.batches.some((b) => b.status === "pending" || b.status === "processing") ? 2_000 : 15_000,
  });
  const counts = Object.fromEntries(TRACKING_BATCH_STATUSES.map((s) => [s, data?.batches.filter((b) => b.status === s).length ?? 0]));

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/tracking/orders" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
            {t("purchasingOrders")}
          </Link>
        }
      />
      <div className="mb-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title={t("runWorker")}>
          <RunWorkerButtons />
        </Card>
        <Card title={t("importFile")}>
          <ImportBatchForm />
        </Card>
      </div>
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <LabeledSelect label={t("tracker")} value={taskName} onChange={(e) => set({ task_name: e.target.value })}>
          <option value="">{t("allTrackers")}</option>
          {TRACKER_NAMES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </LabeledSelect>
        <LabeledSelect label={t("created")} value={days} onChange={(e) => set({ days: e.target.value })}>
          <option value="1">{t("ranges.day")}</option>
          <option value="7">{t("ranges.week")}</option>
          <option value="30">{t("ranges.month")}</option>
          <option value="365">{t("ranges.year")}</option>
        </LabeledSelect>
        <div className="flex gap-2 text-sm" data-testid="batch-status-counts">
          {TRACKING_BATCH_STATUSES.map((s) => (
            <span key={s} className="flex items-center gap-1">
              <StatusBadge status={s} /> <span data-status={s}>{counts[s]}</span>
            </span>
          ))}
        </div>
      </div>
      <QueryState isLoading={isLoading} error={error}>
        <Table testId="batches-table">
          <thead>
            <tr>
              <Th>{t("columns.batch")}</Th>
              <Th>{t("columns.tracker")}</Th>
              <Th>{t("columns.status")}</Th>
              <Th className="w-64">{t("columns.progress")}</Th>
              <Th>{t("columns.created")}</Th>
            </tr>
          </thead>
          <tbody>
            {data?.batches.length === 0 && (
              <tr>
                <Td className="text-slate-500">{t("empty")}</Td>
              </tr>
            )}
            {data?.batches.map((b) => (
              <tr key={b.batch_uuid} data-batch={b.short_id}>
                <Td>
                  <Link className="font-mono text-blue-700 underline" href={`/tracking/batches/${b.batch_uuid}`}>
                    {b.short_id}
                  </Link>
                  <div className="max-w-xs truncate text-xs text-slate-500" title={b.file_path}>
                    {b.file_path}
                  </div>
                </Td>
                <Td className="text-xs">{b.task_name}</Td>
                <Td>
                  <StatusBadge status={b.status} />
                </Td>
                <Td>
                  <ProgressBar total={b.total_jobs} completed={b.completed_jobs} failed={b.failed_jobs} />
                  <div className="mt-1 text-xs text-slate-500">
                    {t("progressText", {
                      completed: b.completed_jobs,
                      total: b.total_jobs,
                      failed: b.failed_jobs,
                      percentage: b.completion_percentage,
                    })}
                  </div>
                </Td>
                <Td className="whitespace-nowrap text-xs text-slate-500">
                  <RelativeTime value={b.created_at} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </QueryState>
    </>
  );
}
