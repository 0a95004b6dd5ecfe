"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ExportLinks } from "@/components/ui/export-links";
import { SortableTh } from "@/components/ui/sortable-th";
import { useDebouncedUrlText, useUrlState } from "@/components/ui/use-url-state";
import { LabeledInput, LabeledSelect } from "@/components/ui/form-controls";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { fetchJson } from "@/lib/client/fetch-json";
import type { listSyncLogs } from "@/lib/sync-logs/list-sync-logs";
import { SYNC_LOG_OPERATION_TYPES } from "@/lib/sync-logs/operation-types";

type Result = Awaited<ReturnType<typeof listSyncLogs>>;

export default function SyncLogsPage() {
  const t = useTranslations("logs");
  const { values, set, query } = useUrlState({ operation_type: "", success: "", job_id: "", hours: "", sort: "created_at", dir: "desc" });
  const [jobId, setJobId] = useDebouncedUrlText(values.job_id, (text) => set({ job_id: text }, { replace: true }));
  const onSort = (sort: string, dir: string) => set({ sort, dir });
  const [open, setOpen] = useState<number | null>(null);
  const { data, isLoading, error } = useQuery({
    queryKey: ["sync-logs", query.toString()],
    queryFn: () => fetchJson<Result>(`/api/sync-logs?${query}`),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <LabeledSelect label={t("operation")} value={values.operation_type} onChange={(e) => set({ operation_type: e.target.value })}>
          <option value="">{t("allOperations")}</option>
          {SYNC_LOG_OPERATION_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </LabeledSelect>
        <LabeledSelect label={t("outcome")} value={values.success} onChange={(e) => set({ success: e.target.value })}>
          <option value="">{t("anyOutcome")}</option>
          <option value="true">{t("succeeded")}</option>
          <option value="false">{t("failed")}</option>
        </LabeledSelect>
        <LabeledInput label={t("jobId")} value={jobId} onChange={(e) => setJobId(e.target.value)} />
        <LabeledSelect label={t("age")} value={values.hours} onChange={(e) => set({ hours: e.target.value })}>
          <option value="">{t("ages.any")}</option>
          <option value="1">{t("ages.hour")}</option>
          <option value="24">{t("ages.day")}</option>
          <option value="168">{t("ages.week")}</option>
        </LabeledSelect>
        <div className="ml-auto">
          <ExportLinks href="/api/sync-logs/export" query={query} />
        </div>
      </div>
      <QueryState isLoading={isLoading} error={error}>
        {data && (
          <Table testId="sync-logs-table">
            <thead>
              <tr>
                <SortableTh column="created_at" sort={values.sort} dir={values.dir} onSort={onSort}>
                  {t("columns.when")}
                </SortableTh>
                <SortableTh column="operation_type" sort={values.sort} dir={values.dir} onSort={onSort}>
                  {t("columns.operation")}
                </SortableTh>
                <SortableTh column="success" sort={values.sort} dir={values.dir} onSort={onSort}>
                  {t("columns.outcome")}
                </SortableTh>
                <SortableTh column="job_id" sort={values.sort} dir={values.dir} onSort={onSort}>
                  {t("columns.job")}
                </SortableTh>
                <Th>{t("columns.message")}</Th>
              </tr>
            </thead>
            <tbody>
              {data.results.length === 0 && (
                <tr>
                  <Td className="text-slate-500">{t("empty")}</Td>
                </tr>
              )}
              {data.results.map((log) => (
                <tr key={log.id} className="cursor-pointer hover:bg-slate-50" onClick={() => setOpen(open === log.id ? null : log.id)}>
                  <Td className="whitespace-nowrap text-xs text-slate-500">
                    <RelativeTime value={log.created_at} />
                  </Td>
                  <Td className="font-mono text-xs">{log.operation_type}</Td>
                  <Td>
                    <StatusBadge status={log.success ? "success" : "failed"} />
                  </Td>
                  <Td className="font-mono text-xs">{log.job_id ?? "—"}</Td>
                  <Td>
                    {log.message}
                    {open === log.id && (
                      <pre className="mt-2 max-h-80 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100">
                        {JSON.stringify(log.details, null, 2)}
                      </pre>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </QueryState>
    </>
  );
}
