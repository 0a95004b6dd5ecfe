"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ACTIVE_RUN_STATUSES, formatDuration, formatTime } from "@/components/runs/run-format";
import { EmptyState } from "@/components/ui/empty-state";
import { LabeledInput, LabeledSelect } from "@/components/ui/form-controls";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { fetchJson } from "@/lib/client/fetch-json";
import type { RunSummary } from "@/lib/runs/runs-api-client";

interface RunsResponse {
  engine: "local" | "inngest";
  runs: RunSummary[];
  nextCursor: string | null;
}

export default function RunsPage() {
  const [status, setStatus] = useState("");
  const [functionId, setFunctionId] = useState("");
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1] ?? "";
  const params = new URLSearchParams({ status, functionId, cursor, limit: "50" });
  const { data, isLoading, error } = useQuery({
    queryKey: ["runs", status, functionId, cursor],
    queryFn: () => fetchJson<RunsResponse>(`/api/runs?${params}`),
    placeholderData: keepPreviousData,
    // Poll while something is still moving; idle lists do not need it.
    refetchInterval: (query) => (query.state.data?.runs.some((r) => ACTIVE_RUN_STATUSES.includes(r.status)) ? 2_000 : 10_000),
  });

  return (
    <>
      <PageHeader
        title="Runs"
        description={`Background function runs ${data?.engine === "inngest" ? "on Inngest" : "on the local executor"}, newest first.`}
      />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <LabeledSelect label="Status" value={status} onChange={(e) => (setStatus(e.target.value), setCursors([]))}>
          <option value="">Any</option>
          {["queued", "running", "completed", "failed", "cancelled"].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </LabeledSelect>
        <LabeledInput label="Function id" value={functionId} onChange={(e) => (setFunctionId(e.target.value), setCursors([]))} />
      </div>
      <QueryState isLoading={isLoading} error={error}>
        {data && data.runs.length === 0 ? (
          <EmptyState title="No runs yet">Runs appear here when events trigger functions.</EmptyState>
        ) : (
          data && (
            <Table testId="runs-table">
              <thead>
                <tr>
                  <Th>Function</Th>
                  <Th>Trigger</Th>
                  <Th>Status</Th>
                  <Th>Attempts</Th>
                  <Th>Duration</Th>
                  <Th>Started</Th>
                </tr>
              </thead>
              <tbody>
                {data.runs.map((run) => (
                  <tr key={run.id}>
                    <Td>
                      <Link className="text-blue-700 hover:underline" href={`/runs/${run.id}`}>
                        {run.functionName}
                      </Link>
                    </Td>
                    <Td className="font-mono text-xs">{run.trigger}</Td>
                    <Td>
                      <StatusBadge status={run.status} />
                    </Td>
                    <Td>{run.attempts ?? "—"}</Td>
                    <Td>{formatDuration(run.durationMs)}</Td>
                    <Td>{formatTime(run.startedAt ?? run.createdAt)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )
        )}
        <div className="mt-3 flex gap-2 text-sm">
          {cursors.length > 0 && (
            <button className="rounded border border-slate-300 px-3 py-1" onClick={() => setCursors(cursors.slice(0, -1))}>
              Newer
            </button>
          )}
          {data?.nextCursor && (
            <button className="rounded border border-slate-300 px-3 py-1" onClick={() => setCursors([...cursors, data.nextCursor!])}>
              Older
            </button>
          )}
        </div>
      </QueryState>
    </>
  );
}
