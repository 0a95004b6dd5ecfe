"use client";

import { useTimeZone, useTranslations } from "next-intl";
import { RelativeTime } from "@/components/ui/time";
import { formatAbsoluteTime } from "@/lib/i18n/format-time";
import { DEFAULT_TIME_ZONE } from "@/lib/i18n/time-zones";
import { Table, Td, Th } from "@/components/ui/table";

export interface NotificationRow {
  id: number;
  kind: string;
  flow: string;
  severity: string;
  message: string;
  transition: "open" | "clear";
  status: "pending" | "sent" | "failed" | "skipped";
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
}

const STATUS_LOOK: Record<NotificationRow["status"], string> = {
  pending: "bg-amber-100 text-amber-900",
  sent: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-900",
  skipped: "bg-slate-100 text-slate-700",
};

export function RecentNotificationsTable({ rows }: { rows: NotificationRow[] }) {
  const t = useTranslations("notifications");
  const timeZone = useTimeZone() ?? DEFAULT_TIME_ZONE;
  if (rows.length === 0) return <p className="text-sm text-slate-500">{t("recent.empty")}</p>;
  return (
    <Table testId="recent-notifications">
      <thead>
        <tr>
          <Th>{t("recent.when")}</Th>
          <Th>{t("recent.alert")}</Th>
          <Th>{t("recent.transition")}</Th>
          <Th>{t("recent.status")}</Th>
          <Th>{t("recent.attempts")}</Th>
          <Th>{t("recent.error")}</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} data-status={row.status}>
            <Td>
              <RelativeTime value={row.created_at} />
            </Td>
            <Td>
              <div className="font-medium">{t.has(`kinds.${row.kind}`) ? t(`kinds.${row.kind}` as never) : row.kind}</div>
              <div className="text-xs text-slate-500">{row.message}</div>
            </Td>
            <Td>{t(`recent.transitions.${row.transition}`)}</Td>
            <Td>
              <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_LOOK[row.status]}`}>
                {t(`recent.statuses.${row.status}`)}
              </span>
              {row.next_attempt_at && (
                <div className="mt-1 text-xs text-slate-500">
                  {t("recent.nextAttempt", { time: formatAbsoluteTime(row.next_attempt_at, timeZone) })}
                </div>
              )}
            </Td>
            <Td>{row.attempts}</Td>
            <Td className="max-w-xs break-words text-xs text-red-800">{row.last_error ?? "—"}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
