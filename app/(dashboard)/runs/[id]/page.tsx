"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSession } from "next-auth/react";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { ACTIVE_RUN_STATUSES, formatDuration, formatJson, formatTime } from "@/components/runs/run-format";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { fetchJson } from "@/lib/client/fetch-json";
import type { RunDetail } from "@/lib/runs/runs-api-client";

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  if (value === undefined || value === null) return null;
  return (
    <div className="mt-2">
      <div className="text-xs font-semibold uppercase text-slate-500">{label}</div>
      <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs">{formatJson(value)}</pre>
    </div>
  );
}

export default function RunDetailPage() {
  const { id } = useParams<{ id: string }>();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  const isAdmin = session?.user?.role === "admin";
  const { data: run, isLoading, error } = useQuery({
    queryKey: ["run", id],
    queryFn: () => fetchJson<RunDetail>(`/api/runs/${id}`),
    refetchInterval: (query) => (ACTIVE_RUN_STATUSES.includes(query.state.data?.status ?? "") ? 2_000 : false),
  });
  const cancel = useMutation({
    mutationFn: () => fetchJson(`/api/runs/${id}/cancel`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["run", id] }),
  });
  const rerun = useMutation({
    mutationFn: () => fetchJson<{ runId: string }>(`/api/runs/${id}/rerun`, { method: "POST" }),
    onSuccess: ({ runId }) => router.push(`/runs/${runId}`),
  });
  const active = run ? ACTIVE_RUN_STATUSES.includes(run.status) : false;
  const actionError = (cancel.error ?? rerun.error) as Error | null;

  return (
    <>
      <PageHeader
        title={run ? run.functionName : "Run"}
        description={run ? `Run ${run.id}` : undefined}
        actions={
          isAdmin && run ? (
            <>
              <button
                className="rounded bg-slate-800 px-3 py-1.5 text-sm text-white disabled:opacity-50"
                disabled={rerun.isPending}
                onClick={() => rerun.mutate()}
              >
                Re-run
              </button>
              <button
                className="rounded border border-red-300 px-3 py-1.5 text-sm text-red-700 disabled:opacity-50"
                disabled={!active || cancel.isPending}
                onClick={() => cancel.mutate()}
              >
                Cancel
              </button>
            </>
          ) : undefined
        }
      />
      <p className="mb-4 text-sm">
        <Link className="text-blue-700 hover:underline" href="/runs">
          ← All runs
        </Link>
      </p>
      {actionError && (
        <p role="alert" className="mb-4 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {actionError.message}
        </p>
      )}
      <QueryState isLoading={isLoading} error={error}>
        {run && (
          <div className="grid gap-4">
            <Card title="Summary">
              <dl className="grid grid-cols-2 gap-2 text-sm md:grid-cols-4">
                <div><dt className="text-slate-500">Status</dt><dd><StatusBadge status={run.status} /></dd></div>
                <div><dt className="text-slate-500">Trigger</dt><dd className="font-mono text-xs">{run.trigger}</dd></div>
                <div><dt className="text-slate-500">Attempts</dt><dd>{run.attempts ?? "—"}</dd></div>
                <div><dt className="text-slate-500">Duration</dt><dd>{formatDuration(run.durationMs)}</dd></div>
                <div><dt className="text-slate-500">Started</dt><dd>{formatTime(run.startedAt)}</dd></div>
                <div><dt className="text-slate-500">Ended</dt><dd>{formatTime(run.endedAt)}</dd></div>
                {run.rerunOf && (
                  <div><dt className="text-slate-500">Re-run of</dt><dd><Link className="text-blue-700 hover:underline" href={`/runs/${run.rerunOf}`}>{run.rerunOf}</Link></dd></div>
                )}
              </dl>
              <JsonBlock label="Event" value={run.event} />
              <JsonBlock label="Output" value={run.output} />
              <JsonBlock label="Error" value={run.error} />
            </Card>
            <Card title="Steps">
              {run.steps.length === 0 ? (
                <p className="text-sm text-slate-500">No steps recorded yet.</p>
              ) : (
                <ol className="space-y-3" data-testid="run-steps">
                  {run.steps.map((step) => (
                    <li key={step.id} className="rounded border border-slate-200 p-3">
                      <div className="flex flex-wrap items-center gap-2 text-sm">
                        <span className="font-medium">{step.name ?? step.stepId}</span>
                        <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-600">{step.op}</span>
                        <StatusBadge status={step.status} />
                        {step.attempt !== null && <span className="text-xs text-slate-500">attempt {step.attempt + 1}</span>}
                        <span className="ml-auto text-xs text-slate-500">
                          {formatTime(step.startedAt)}
                          {step.endedAt && ` · ${formatDuration(new Date(step.endedAt).getTime() - new Date(step.startedAt).getTime())}`}
                        </span>
                      </div>
                      <JsonBlock label="Input" value={step.input} />
                      <JsonBlock label="Output" value={step.output} />
                      <JsonBlock label="Error" value={step.error} />
                    </li>
                  ))}
                </ol>
              )}
            </Card>
          </div>
        )}
      </QueryState>
    </>
  );
}
