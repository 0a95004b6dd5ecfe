"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { LabeledInput, LabeledSelect } from "@/components/ui/form-controls";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { fetchJson } from "@/lib/client/fetch-json";
import type { listSyncLogs } from "@/lib/sync-logs/list-sync-logs";

type Result = Awaited<ReturnType<typeof listSyncLogs>>;

export default function SyncLogsPage() {
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
      <PageHeader title="Sync logs" description="Every tracking and sync outcome, newest first. Refreshes every few seconds." />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <LabeledSelect label="Operation" value={operationType} onChange={(e) => setOperationType(e.target.value)}>
          <option value="">All operations</option>
          {data?.operation_types.map((t) => (
            <option key={t.operation_type} value={t.operation_type}>
              {t.operation_type}
            </option>
          ))}
        </LabeledSelect>
        <LabeledSelect label="Outcome" value={success} onChange={(e) => setSuccess(e.target.value)}>
          <option value="">Any</option>
          <option value="true">Succeeded</option>
          <option value="false">Failed</option>
        </LabeledSelect>
        <LabeledInput label="Job id" value={jobId} onChange={(e) => setJobId(e.target.value)} />
        <LabeledSelect label="Age" value={hours} onChange={(e) => setHours(e.target.value)}>
          <option value="">Any time</option>
          <option value="1">Last hour</option>
          <option value="24">Last 24 hours</option>
          <option value="168">Last 7 days</option>
        </LabeledSelect>
      </div>
      <QueryState isLoading={isLoading} error={error}>
        {data && (
          <Table testId="sync-logs-table">
            <thead>
              <tr>
                <Th>When</Th>
                <Th>Operation</Th>
                <Th>Outcome</Th>
                <Th>Job</Th>
                <Th>Message</Th>
              </tr>
            </thead>
            <tbody>
              {data.results.length === 0 && (
                <tr>
                  <Td className="text-slate-500">No logs match these filters.</Td>
                </tr>
              )}
              {data.results.map((log) => (
                <tr key={log.id} className="cursor-pointer hover:bg-slate-50" onClick={() => setOpen(open === log.id ? null : log.id)}>
                  <Td className="whitespace-nowrap text-xs text-slate-500">{new Date(log.created_at).toLocaleString()}</Td>
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
