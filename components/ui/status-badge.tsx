"use client";

import { useTranslations } from "next-intl";

const TONES: Record<string, string> = {
  delivered: "bg-emerald-100 text-emerald-800",
  completed: "bg-emerald-100 text-emerald-800",
  success: "bg-emerald-100 text-emerald-800",
  in_transit: "bg-blue-100 text-blue-800",
  out_for_delivery: "bg-blue-100 text-blue-800",
  processing: "bg-blue-100 text-blue-800",
  running: "bg-blue-100 text-blue-800",
  info_received: "bg-sky-100 text-sky-800",
  available_for_pickup: "bg-amber-100 text-amber-800",
  failed_attempt: "bg-amber-100 text-amber-800",
  partial: "bg-amber-100 text-amber-800",
  redirected: "bg-violet-100 text-violet-800",
  exception: "bg-red-100 text-red-800",
  failed: "bg-red-100 text-red-800",
  errored: "bg-red-100 text-red-800",
  cancelled: "bg-slate-200 text-slate-700",
};

/** A status in the UI language; a value no catalog knows (new data) shows as stored. */
export function useStatusLabel() {
  const t = useTranslations("status");
  return (status: string) => (t.has(status) ? t(status) : status.replaceAll("_", " "));
}

export function StatusBadge({ status }: { status: string }) {
  const label = useStatusLabel();
  return (
    <span
      data-status-value={status}
      className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${TONES[status] ?? "bg-slate-100 text-slate-700"}`}
    >
      {label(status)}
    </span>
  );
}
