"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useParams } from "next/navigation";
import { Stat } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { ExportLinks } from "@/components/ui/export-links";
import { SortableTh } from "@/components/ui/sortable-th";
import { Table, Td, Th } from "@/components/ui/table";
import { useUrlState } from "@/components/ui/use-url-state";
import { ProgressBar } from "@/components/tracking/progress-bar";
import { RepublishFailedButton } from "@/components/tracking/republish-failed-button";
import { fetchJson } from "@/lib/client/fetch-json";
import type { BatchSummary, serializeJobWithLinks } from "@/lib/tracking/batches/get-batch-summary";

interface BatchDetail {
  summary: BatchSummary;
  jobs: ReturnType<typeof serializeJobWithLinks>[];
}

export default function TrackingBatchPage() {
  const t = useTranslations("batch");
  const { id } = useParams<{ id: string }>();
  const { data, isLoading, error } = useQuery({
    queryKey: ["tracking-batch", id],
    queryFn: () => fetchJson<BatchDetail>(`/api/tracking/batches/${encodeURIComponent(id)}`),
    refetchInterval: (query) => {
      const status = query.state.data?.summary.status;
      return status === "completed" || status === "partial" ? false : 2_000;
    },
  });
  const s = data?.summary;
  // Every job is loaded, so the sort is done here; it is kept in the URL like the other lists.
  const { values: order, set: setOrder } = useUrlState({ sort: "index", dir: "asc" });
  const onSort = (sort: string, dir: string) => setOrder({ sort, dir });
  const jobs = [...(data?.jobs ?? [])].sort((a, b) => {
    const key = order.sort as "index" | "custom_id" | "status" | "job_id";
    const x = a[key] ?? "";
    const y = b[key] ?? "";
    const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return (order.dir === "desc" ? -c : c) || a.index - b.index;
  });

  return (
    <>
      <PageHeader
        title={s ? t("titleWithId", { id: s.batch_uuid.slice(0, 8) }) : t("title")}
        description={s ? `${s.task_name} · ${s.file_path}` : undefined}
        actions={
          <div className="flex items-center gap-2">
            {s && s.failed_jobs > 0 && <RepublishFailedButton batchUuid={s.batch_uuid} failedJobs={s.failed_jobs} />}
            <Link href="/tracking" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
              {t("allBatches")}
            </Link>
          </div>
        }
      />
      <QueryState isLoading={isLoading} error={error}>
        {s && data && (
          <div className="flex flex-col gap-6">
            <div className="grid grid-cols-2 gap-4 md:grid-cols-6">
              <Stat label={t("stats.status")} value={<StatusBadge status={s.status} />} />
              <Stat label={t("stats.total")} value={s.total_jobs} testId="batch-total" />
              <Stat label={t("stats.completed")} value={s.completed_jobs} testId="batch-completed" />
              <Stat label={t("stats.failed")} value={s.failed_jobs} testId="batch-failed" />
              <Stat label={t("stats.redirected")} value={s.redirected_jobs} />
              <Stat label={t("stats.duration")} value={t("durationSeconds", { seconds: s.duration_seconds })} />
            </div>
            <div>
              <ProgressBar total={s.total_jobs} completed={s.completed_jobs} failed={s.failed_jobs} />
              <p className="mt-1 text-sm text-slate-600" data-testid="batch-percentage">
                {t("percentComplete", { percentage: s.completion_percentage })}
              </p>
            </div>
            <div className="flex justify-end">
              <ExportLinks href={`/api/tracking/batches/${encodeURIComponent(s.batch_uuid)}/export`} />
            </div>
            <Table testId="jobs-table">
              <thead>
                <tr>
                  <SortableTh column="index" sort={order.sort} dir={order.dir} onSort={onSort}>
                    {t("columns.index")}
                  </SortableTh>
                  <SortableTh column="custom_id" sort={order.sort} dir={order.dir} onSort={onSort}>
                    {t("columns.customId")}
                  </SortableTh>
                  <SortableTh column="status" sort={order.sort} dir={order.dir} onSort={onSort}>
                    {t("columns.status")}
                  </SortableTh>
                  <SortableTh column="job_id" sort={order.sort} dir={order.dir} onSort={onSort}>
                    {t("columns.webscraperJob")}
                  </SortableTh>
                  <Th>{t("columns.url")}</Th>
                  <Th>{t("columns.error")}</Th>
                  <Th>{t("columns.redirect")}</Th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((job) => (
                  <tr key={job.custom_id} id={job.custom_id} data-status={job.status}>
                    <Td>{job.index}</Td>
                    <Td className="font-mono text-xs">{job.custom_id}</Td>
                    <Td>
                      <StatusBadge status={job.status} />
                    </Td>
                    <Td className="font-mono text-xs">{job.job_id ?? t("notPublished")}</Td>
                    <Td className="max-w-xs truncate text-xs" title={job.target_url}>
                      {job.target_url}
                    </Td>
                    <Td className="text-xs text-red-700">
                      {job.scraper_status && job.scraper_status !== "finished" && (
                        <span className="mr-1 rounded bg-red-100 px-1" title={t("scraperStatusHint")}>
                          {t("scraperStatus", { status: job.scraper_status })}
                        </span>
                      )}
                      {job.error_message ?? ""}
                      {job.publish_requeues > 0 && (
                        <span className="ml-1 text-slate-500">{t("requeued", { count: job.publish_requeues })}</span>
                      )}
                    </Td>
                    <Td className="text-xs">
                      {job.redirected_to && (
                        <a className="text-blue-700 underline" href={`#${job.redirected_to}`}>
                          → {job.redirected_to}
                        </a>
                      )}
                      {job.redirected_from && (
                        <a className="text-blue-700 underline" href={`#${job.redirected_from}`}>
                          ← {job.redirected_from}
                        </a>
                      )}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        )}
      </QueryState>
    </>
  );
}
