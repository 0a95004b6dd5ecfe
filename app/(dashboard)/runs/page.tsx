"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Duration } from "@/components/runs/duration";
import { ACTIVE_RUN_STATUSES } from "@/components/runs/run-format";
import { RelativeTime } from "@/components/ui/time";
import { useDebouncedUrlText, useUrlState } from "@/components/ui/use-url-state";
import { EmptyState } from "@/components/ui/empty-state";
import { LabeledInput, LabeledSelect } from "@/components/ui/form-controls";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { StatusBadge, useStatusLabel } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { fetchJson } from "@/lib/client/fetch-json";
import type { RunSummary } from "@/lib/runs/runs-api-client";
import { RUN_STATUSES } from "@/lib/runs/run-statuses";

interface RunsResponse {
  engine: "local" | "inngest";
  runs: RunSummary[];
  nextCursor: string | null;
}

export default function RunsPage() {
  const t = useTranslations("runs");
  const statusLabel = useStatusLabel();
  // Status and function in the URL (shareable; the worker toasts link here with ?functionId=).
  const { values, set } = useUrlState({ status: "", functionId: "" });
  const { status } = values;
  const [cursors, setCursors] = useState<string[]>([]);
  const [functionId, setFunctionId] = useDebouncedUrlText(
    values.functionId,
    (text) => (set({ functionId: text }, { replace: true }), setCursors([])),
  );
  const cursor = cursors[cursors.length - 1] ?? "";
  const params = new URLSearchParams({ status, functionId: values.functionId, cursor, limit: "50" });
  const { data, isLoading, error } = useQuery({
    queryKey: ["runs", status, values.functionId, cursor],
    queryFn: () => fetchJson<RunsResponse>(`/api/runs?${params}`),
    placeholderData: keepPreviousData,
    // Poll while something is still moving; idle lists do not need it.
    refetchInterval: (query) => (query.state.data?.runs.some((r) => ACTIVE_RUN_STATUSES.includes(r.status)) ? 2_000 : 10_000),
  });

  return (
    <>
      <PageHeader title={t("title")} description={data?.engine === "inngest" ? t("descriptionInngest") : t("description")} />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <LabeledSelect label={t("status")} value={status} onChange={(e) => (set({ status: e.target.value }), setCursors([]))}>
          <option value="">{t("anyStatus")}</option>
          {RUN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </LabeledSelect>
        <LabeledInput label={t("functionId")} value={functionId} onChange={(e) => setFunctionId(e.target.value)} />
      </div>
      <QueryState isLoading={isLoading} error={error}>
        {data && data.runs.length === 0 ? (
          <EmptyState title={t("emptyTitle")}>{t("emptyBody")}</EmptyState>
        ) : (
          data && (
            <Table testId="runs-table">
              <thead>
                <tr>
                  <Th>{t("columns.function")}</Th>
                  <Th>{t("columns.trigger")}</Th>
                  <Th>{t("columns.status")}</Th>
                  <Th>{t("columns.attempts")}</Th>
                  <Th>{t("columns.duration")}</Th>
                  <Th>{t("columns.started")}</Th>
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
                    <Td>
                      <Duration ms={run.durationMs} />
                    </Td>
                    <Td className="text-xs text-slate-500">
                      <RelativeTime value={run.startedAt ?? run.createdAt} />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )
        )}
        <div className="mt-3 flex gap-2 text-sm">
          {cursors.length > 0 && (
            <button className="rounded border border-slate-300 px-3 py-1" onClick={() => setCursors(cursors.slice(0, -1))}>
              {t("newer")}
            </button>
          )}
          {data?.nextCursor && (
            <button className="rounded border border-slate-300 px-3 py-1" onClick={() => setCursors([...cursors, data.nextCursor!])}>
              {t("older")}
            </button>
          )}
        </div>
      </QueryState>
    </>
  );
}
