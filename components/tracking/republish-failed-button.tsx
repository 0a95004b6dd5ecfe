"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useSession } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/form-controls";
import { fetchJson } from "@/lib/client/fetch-json";

/** Admins queue a batch's failed jobs for publishing again (a new WebScraper.io scraping job each). */
export function RepublishFailedButton({ batchUuid, failedJobs }: { batchUuid: string; failedJobs: number }) {
  const t = useTranslations("batch");
  const { data: session } = useSession();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const republish = useMutation({
    mutationFn: () =>
      fetchJson<{ requeued: number }>(`/api/tracking/batches/${encodeURIComponent(batchUuid)}/republish`, {
        method: "POST",
        body: JSON.stringify({}),
      }),
    onSuccess: (result) => {
      setMessage(t("republishDone", { count: result.requeued }));
      void queryClient.invalidateQueries({ queryKey: ["tracking-batch"] });
    },
    onError: (error) => setMessage((error as Error).message),
  });
  if (session?.user?.role !== "admin") return null;
  return (
    <>
      {message && (
        <span className="text-sm text-slate-600" role="status">
          {message}
        </span>
      )}
      <Button data-testid="republish-failed" disabled={republish.isPending} onClick={() => republish.mutate()}>
        {t("republish", { count: failedJobs })}
      </Button>
    </>
  );
}
