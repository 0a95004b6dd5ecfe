"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { LabeledInput, LabeledSelect } from "@/components/ui/form-controls";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { fetchJson } from "@/lib/client/fetch-json";
import type { listSyncLogs } from "@/lib/sync-logs/list-sync-logs";

type Result = Awaited<ReturnType<typeof listSyncLogs>>;

export default function SyncLogsPage() {
  const t = useTranslations("logs");
  const [operationType, setOperationType] = useState("");
  const [success, setSuccess] = useState("");
  const [jobId, setJobId] = useState("");
  const [hours, setHours] = useState("");
  const [open, setOpen] = useState<number | null>(null);
  const params = new URLSearchParams({ operation_type: operationType, success, job_id: jobId, hours });
  const { data, isLoading, error } = useQuery({
    queryKey: ["sync-logs", operationType, success, jobId, hours],
    queryFn: () => fetchJson<Result>(`/api/sync-logs?${params}`),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <LabeledSelect label={t("operation")} value={operationType} onChange={(e) => setOperationType(e.target.value)}>
          <option value="">{t("allOperations")}</option>
          {data?.operation_types.map((op) => (
            <option key={op.operation_type} value={op.operation_type}>
              {op.operation_type}
            </option>
          ))}
        </LabeledSelect>
        <LabeledSelect label={t("outcome")} value={success} onChange={(e) => setSuccess(e.target.value)}>
          <option value="">{t("anyOutcome")}</option>
          <option value="true">{t("succeeded")}</option>
          <option value="false">{t("failed")}</option>
        </LabeledSelect>
        <LabeledInput label={t("jobId")} value={jobId} onChange={(e) => setJobId(e.target.value)} />
        <LabeledSelect label={t("age")} value={hours} onChange={(e) => setHours(e.target.value)}>
          <option value="">{t("ages.any")}</option>
          <option value="1">{t("ages.hour")}</option>
          <option value="24">{t("ages.day")}</option>
          <option value="168">{t("ages.week")}</option>
        </LabeledSelect>
      </div>
      <QueryState isLoading={isLoading} error={error}>
        {data && (
          <Table testId="sync-logs-table">
            <thead>
              <tr>
                <Th>{t("columns.when")}</Th>
                <Th>{t("columns.operation")}</Th>
                <Th>{t("columns.outcome")}</Th>
                <Th>{t("columns.job")}</Th>
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
                      <pre className="mt-2 max-h-80 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{JSON.stringify(log.details, null, 2)}</pre>
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
