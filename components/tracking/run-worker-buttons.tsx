"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/form-controls";
import { fetchJson } from "@/lib/client/fetch-json";

const WORKERS = [
  { path: "tracking-number-empty", label: "Find missing tracking numbers" },
  { path: "japan-post", label: "Refresh Japan Post statuses" },
] as const;

export function RunWorkerButtons() {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (path: string) => fetchJson<{ event_ids: string[] }>(`/api/tracking/workers/${path}`, { method: "POST", body: JSON.stringify({}) }),
    onSuccess: () => {
      setMessage("Started. The new batch appears below in a few seconds.");
      setTimeout(() => queryClient.invalidateQueries({ queryKey: ["tracking-batches"] }), 1500);
    },
    onError: (error) => setMessage((error as Error).message),
  });
  return (
    <div className="flex flex-wrap items-center gap-2">
      {WORKERS.map((w) => (
        <Button key={w.path} disabled={run.isPending} onClick={() => run.mutate(w.path)}>
          {w.label}
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
