"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button, LabeledSelect } from "@/components/ui/form-controls";
import { useToast } from "@/components/ui/toast";
import { fetchJson, FetchError } from "@/lib/client/fetch-json";
import { TRACKER_NAMES } from "@/lib/tracking/tracker-configs";

interface RowError {
  row: number;
  value: string;
  reason: string;
  detail?: string;
}

interface ImportResult {
  batch_uuid: string;
  total_jobs: number;
  row_errors: RowError[];
}

export function ImportBatchForm() {
  const t = useTranslations("tracking.import");
  const locale = useLocale();
  // English shows the server's own wording of a row problem (it names the earlier
  // duplicate row); other languages show the reason from the catalog.
  const rowReason = (e: RowError) =>
    locale === "en" && e.detail ? e.detail : t.has(`reasons.${e.reason}`) ? t(`reasons.${e.reason}`) : (e.detail ?? e.reason);
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [rowErrors, setRowErrors] = useState<RowError[]>([]);
  const upload = useMutation({
    mutationFn: (form: FormData) => fetchJson<ImportResult>("/api/tracking/batches/import", { method: "POST", body: form }),
    onSuccess: (result) => {
      setRowErrors(result.row_errors ?? []);
      toast({
        kind: "success",
        message: t("started", { count: result.total_jobs }),
        link: { href: `/tracking/batches/${result.batch_uuid}`, label: t("openBatch") },
      });
      queryClient.invalidateQueries({ queryKey: ["tracking-batches"] });
      if (!result.row_errors?.length) router.push(`/tracking/batches/${result.batch_uuid}`);
    },
    onError: (error) => {
      const body = error instanceof FetchError ? (error.body as { row_errors?: RowError[] }) : null;
      setRowErrors(body?.row_errors ?? []);
      toast({ kind: "error", message: t("failed", { message: (error as Error).message }) });
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    if (!form.get("tracker")) form.delete("tracker");
    upload.mutate(form);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-xs text-slate-600">
          {t("file")}
          <input name="file" type="file" accept=".xlsx,.csv" required className="text-sm" />
        </label>
        <LabeledSelect label={t("tracker")} name="tracker" defaultValue="">
          <option value="">{t("trackerFromPrefix")}</option>
          {TRACKER_NAMES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </LabeledSelect>
        <Button type="submit" disabled={upload.isPending}>
          {upload.isPending ? t("importing") : t("import")}
        </Button>
      </div>
      {upload.isError && (
        <p role="alert" className="text-sm text-red-600">
          {(upload.error as Error).message}
        </p>
      )}
      {upload.isSuccess && (
        <p role="status" className="text-sm text-emerald-700">
          {t("created", { count: upload.data.total_jobs })}{" "}
          <a className="underline" href={`/tracking/batches/${upload.data.batch_uuid}`}>
            {t("openBatch")}
          </a>
        </p>
      )}
      {rowErrors.length > 0 && (
        <div className="rounded border border-amber-200 bg-amber-50 p-3 text-sm" data-testid="import-row-errors">
          <p className="mb-1 font-medium text-amber-800">{t("rowErrorsTitle", { count: rowErrors.length })}</p>
          <ul className="list-inside list-disc text-amber-900">
            {rowErrors.map((e) => (
              <li key={`${e.row}-${e.value}`}>
                {t("rowError", { row: e.row, reason: rowReason(e) })} {e.value && <code className="text-xs">({e.value})</code>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
