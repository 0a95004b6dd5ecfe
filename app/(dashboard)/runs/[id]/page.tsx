"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSession } from "next-auth/react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useParams, useRouter } from "next/navigation";
import { Duration } from "@/components/runs/duration";
import { ACTIVE_RUN_STATUSES, formatJson } from "@/components/runs/run-format";
import { AbsoluteTime } from "@/components/ui/time";
import { useToast } from "@/components/ui/toast";
import { useState } from "react";
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
  const t = useTranslations("runs");
  const { id } = useParams<{ id: string }>();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  const isAdmin = session?.user?.role === "admin";
  const toast = useToast();
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const {
    data: run,
    isLoading,
    error,
  } = useQuery({
    queryKey: ["run", id],
    queryFn: () => fetchJson<RunDetail>(`/api/runs/${id}`),
    refetchInterval: (query) => (ACTIVE_RUN_STATUSES.includes(query.state.data?.status ?? "") ? 2_000 : false),
  });
  const cancel = useMutation({
    mutationFn: () => fetchJson(`/api/runs/${id}/cancel`, { method: "POST" }),
    onSuccess: () => {
      setConfirmingCancel(false);
      toast({ kind: "success", message: t("cancelled") });
      return queryClient.invalidateQueries({ queryKey: ["run", id] });
    },
    onError: (e) => toast({ kind: "error", message: t("cancelFailed", { message: (e as Error).message }) }),
  });
  const rerun = useMutation({
    mutationFn: () => fetchJson<{ runId: string }>(`/api/runs/${id}/rerun`, { method: "POST" }),
    onSuccess: ({ runId }) => {
      toast({ kind: "success", message: t("rerunStarted"), link: { href: `/runs/${runId}`, label: t("openRun") } });
      router.push(`/runs/${runId}`);
    },
    onError: (e) => toast({ kind: "error", message: t("rerunFailed", { message: (e as Error).message }) }),
  });
  const active = run ? ACTIVE_RUN_STATUSES.includes(run.status) : false;
  const actionError = (cancel.error ?? rerun.error) as Error | null;

  return (
    <>
      <PageHeader
        title={run ? run.functionName : t("runTitle")}
        description={run ? t("runId", { id: run.id }) : undefined}
        actions={
          isAdmin && run ? (
            <>
              <button
                className="rounded bg-slate-800 px-3 py-1.5 text-sm text-white disabled:opacity-50"
                disabled={rerun.isPending}
                onClick={() => rerun.mutate()}
              >
                {rerun.isPending ? t("rerunning") : t("rerun")}
              </button>
              {confirmingCancel ? (
                // Cancelling cannot be undone: ask once, in place.
                <span role="group" aria-label={t("confirmCancel")} className="flex items-center gap-2 text-sm">
                  <span>{t("confirmCancel")}</span>
                  <button
                    className="rounded bg-red-700 px-3 py-1.5 text-sm text-white disabled:opacity-50"
                    disabled={cancel.isPending}
                    onClick={() => cancel.mutate()}
                  >
                    {cancel.isPending ? t("cancelling") : t("confirmCancelYes")}
                  </button>
                  <button
                    className="rounded border border-slate-300 px-3 py-1.5 text-sm"
                    disabled={cancel.isPending}
                    onClick={() => setConfirmingCancel(false)}
                  >
                    {t("confirmCancelNo")}
                  </button>
                </span>
              ) : (
                <button
                  className="rounded border border-red-300 px-3 py-1.5 text-sm text-red-700 disabled:opacity-50"
                  disabled={!active || cancel.isPending}
                  onClick={() => setConfirmingCancel(true)}
                >
                  {t("cancel")}
                </button>
              )}
            </>
          ) : undefined
        }
      />
      <p className="mb-4 text-sm">
        <Link className="text-blue-700 hover:underline" href="/runs">
          {t("allRuns")}
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
            <Card title={t("summary")}>
              <dl className="grid grid-cols-2 gap-2 text-sm md:grid-cols-4">
                <div>
                  <dt className="text-slate-500">{t("columns.status")}</dt>
                  <dd>
                    <StatusBadge status={run.status} />
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-500">{t("columns.trigger")}</dt>
                  <dd className="font-mono text-xs">{run.trigger}</dd>
                </div>
                <div>
                  <dt className="text-slate-500">{t("columns.attempts")}</dt>
                  <dd>{run.attempts ?? "—"}</dd>
                </div>
                <div>
                  <dt className="text-slate-500">{t("columns.duration")}</dt>
                  <dd>
                    <Duration ms={run.durationMs} />
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-500">{t("columns.started")}</dt>
                  <dd>
                    <AbsoluteTime value={run.startedAt} />
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-500">{t("ended")}</dt>
                  <dd>
                    <AbsoluteTime value={run.endedAt} />
                  </dd>
                </div>
                {run.rerunOf && (
                  <div>
                    <dt className="text-slate-500">{t("rerunOf")}</dt>
                    <dd>
                      <Link className="text-blue-700 hover:underline" href={`/runs/${run.rerunOf}`}>
                        {run.rerunOf}
                      </Link>
                    </dd>
                  </div>
                )}
              </dl>
              <JsonBlock label={t("json.event")} value={run.event} />
              <JsonBlock label={t("json.output")} value={run.output} />
              <JsonBlock label={t("json.error")} value={run.error} />
            </Card>
            <Card title={t("steps")}>
              {run.steps.length === 0 ? (
                <p className="text-sm text-slate-500">{t("noSteps")}</p>
              ) : (
                <ol className="space-y-3" data-testid="run-steps">
                  {run.steps.map((step) => (
                    <li key={step.id} className="rounded border border-slate-200 p-3">
                      <div className="flex flex-wrap items-center gap-2 text-sm">
                        <span className="font-medium">{step.name ?? step.stepId}</span>
                        <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-600">{step.op}</span>
                        <StatusBadge status={step.status} />
                        {step.attempt !== null && (
                          <span className="text-xs text-slate-500">{t("attempt", { attempt: step.attempt + 1 })}</span>
                        )}
                        <span className="ml-auto text-xs text-slate-500">
                          <AbsoluteTime value={step.startedAt} />
                          {step.endedAt && (
                            <>
                              {" · "}
                              <Duration ms={new Date(step.endedAt).getTime() - new Date(step.startedAt).getTime()} />
                            </>
                          )}
                        </span>
                      </div>
                      <JsonBlock label={t("json.input")} value={step.input} />
                      <JsonBlock label={t("json.output")} value={step.output} />
                      <JsonBlock label={t("json.error")} value={step.error} />
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
