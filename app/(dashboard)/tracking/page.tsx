"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import { LabeledSelect } from "@/components/ui/form-controls";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { ImportBatchForm } from "@/components/tracking/import-batch-form";
import { ProgressBar } from "@/components/tracking/progress-bar";
import { RunWorkerButtons } from "@/components/tracking/run-worker-buttons";
import { fetchJson } from "@/lib/client/fetch-json";
import type { serializeBatch } from "@/lib/tracking/batches/get-batch-summary";
import { TRACKER_NAMES } from "@/lib/tracking/tracker-configs";

type Batch = ReturnType<typeof serializeBatch>;
const BATCH_STATUSES = ["pending", "processing", "completed", "partial"] as const;

export default function TrackingBatchesPage() {
  const [taskName, setTaskName] = useState("");
  const [days, setDays] = useState("7");
  const params = new URLSearchParams({ task_name: taskName, days });
  const { data, isLoading, error } = useQuery({
    queryKey: ["tracking-batches", taskName, days],
    queryFn: () => fetchJson<{ batches: Batch[] }>(`/api/tracking/batches?${params}`),
    placeholderData: keepPreviousData,
    // Live progress while any batch is still running.
    refetchInterval: (query) =>
      query.state.data?.batches.some((b) => b.status === "pending" || b.status === "processing") ? 2_000 : 15_000,
  });
  const counts = Object.fromEntries(BATCH_STATUSES.map((s) => [s, data?.batches.filter((b) => b.status === s).length ?? 0]));

  return (
    <>
      <PageHeader
        title="Tracking"
        description="Scraping batches and their progress. Pages refresh while work is running."
        actions={
          <Link href="/tracking/orders" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
            Purchasing orders
          </Link>
        }
      />
      <div className="mb-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card title="Run a worker now">
          <RunWorkerButtons />
        </Card>
        <Card title="Import a file of URLs">
          <ImportBatchForm />
        </Card>
      </div>
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <LabeledSelect label="Tracker" value={taskName} onChange={(e) => setTaskName(e.target.value)}>
          <option value="">All trackers</option>
          {TRACKER_NAMES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </LabeledSelect>
        <LabeledSelect label="Created" value={days} onChange={(e) => setDays(e.target.value)}>
          <option value="1">Last 24 hours</option>
          <option value="7">Last 7 days</option>
          <option value="30">Last 30 days</option>
          <option value="365">Last year</option>
        </LabeledSelect>
        <div className="flex gap-2 text-sm" data-testid="batch-status-counts">
          {BATCH_STATUSES.map((s) => (
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
              <Th>Batch</Th>
              <Th>Tracker</Th>
              <Th>Status</Th>
              <Th className="w-64">Progress</Th>
              <Th>Created</Th>
            </tr>
          </thead>
          <tbody>
            {data?.batches.length === 0 && (
              <tr>
                <Td className="text-slate-500">No batches in this period. Run a worker or import a file.</Td>
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
                    {b.completed_jobs}/{b.total_jobs} completed{b.failed_jobs > 0 && `, ${b.failed_jobs} failed`} ({b.completion_percentage}%)
                  </div>
                </Td>
                <Td className="whitespace-nowrap text-xs text-slate-500">{new Date(b.created_at).toLocaleString()}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </QueryState>
    </>
  );
}
