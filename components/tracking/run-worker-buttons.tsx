"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/form-controls";
import { useToast } from "@/components/ui/toast";
import { fetchJson } from "@/lib/client/fetch-json";

// functionId is the executor's id for the worker (app id "resale-ops" + function id):
// the toast links to that worker's runs, where the run just queued is on top.
const WORKERS = [
  { path: "tracking-number-empty", label: "findMissingTrackingNumbers", functionId: "resale-ops-tracking-number-empty-worker" },
  { path: "japan-post", label: "refreshJapanPost", functionId: "resale-ops-japan-post-worker" },
] as const;

type Worker = (typeof WORKERS)[number];

export function RunWorkerButtons() {
  const t = useTranslations("tracking.workers");
  const queryClient = useQueryClient();
  const toast = useToast();
  const run = useMutation({
    mutationFn: (worker: Worker) =>
      fetchJson<{ event_ids: string[] }>(`/api/tracking/workers/${worker.path}`, { method: "POST", body: JSON.stringify({}) }),
    onSuccess: (_result, worker) => {
      toast({
        kind: "success",
        message: t("started"),
        link: { href: `/runs?functionId=${encodeURIComponent(worker.functionId)}`, label: t("openRuns") },
      });
      setTimeout(() => queryClient.invalidateQueries({ queryKey: ["tracking-batches"] }), 1500);
    },
    onError: (error) => toast({ kind: "error", message: t("failed", { message: (error as Error).message }) }),
  });
  return (
    <div className="flex flex-wrap items-center gap-2">
      {WORKERS.map((w) => (
        <Button
          key={w.path}
          disabled={run.isPending}
          aria-busy={run.isPending && run.variables?.path === w.path}
          onClick={() => run.mutate(w)}
        >
          {run.isPending && run.variables?.path === w.path ? t("starting") : t(w.label)}
        </Button>
      ))}
    </div>
  );
}
