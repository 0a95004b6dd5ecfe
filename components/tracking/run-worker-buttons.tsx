"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/form-controls";
import { fetchJson } from "@/lib/client/fetch-json";

const WORKERS = [
  { path: "tracking-number-empty", label: "findMissingTrackingNumbers" },
  { path: "japan-post", label: "refreshJapanPost" },
] as const;

export function RunWorkerButtons() {
  const t = useTranslations("tracking.workers");
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (path: string) => fetchJson<{ event_ids: string[] }>(`/api/tracking/workers/${path}`, { method: "POST", body: JSON.stringify({}) }),
    onSuccess: () => {
      setMessage(t("started"));
      setTimeout(() => queryClient.invalidateQueries({ queryKey: ["tracking-batches"] }), 1500);
    },
    onError: (error) => setMessage((error as Error).message),
  });
  return (
    <div className="flex flex-wrap items-center gap-2">
      {WORKERS.map((w) => (
        <Button key={w.path} disabled={run.isPending} onClick={() => run.mutate(w.path)}>
          {t(w.label)}
        </Button>
      ))}
      {message && (
        <span className="text-sm text-slate-600" role="status">
          {message}
        </span>
      )}
    </div>
  );
}
