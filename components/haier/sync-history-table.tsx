"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { Fragment } from "react";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { AbsoluteTime } from "@/components/ui/time";
import type { SerializedSyncLog } from "@/lib/haier/list-sync-logs";

type Log = Omit<SerializedSyncLog, "started_at" | "completed_at" | "created_at"> & {
  started_at: string | null;
  completed_at: string | null;
  created_at: string;
};

export function SyncHistoryTable({ logs, open, onToggle }: { logs: Log[]; open: number | null; onToggle: (id: number) => void }) {
  const t = useTranslations("haier");
  if (logs.length === 0) return <p className="text-sm text-slate-500">{t("history.empty")}</p>;
  return (
    <Table testId="haier-sync-logs">
      <thead>
        <tr>
          <Th>#</Th>
          <Th>{t("history.when")}</Th>
          <Th>{t("history.type")}</Th>
          <Th>{t("history.status")}</Th>
          <Th>{t("history.counts")}</Th>
          <Th>{t("history.duration")}</Th>
          <Th>{t("history.by")}</Th>
          <Th>{t("history.message")}</Th>
        </tr>
      </thead>
      <tbody>
        {logs.map((log) => (
          <Fragment key={log.id}>
            <tr
              className="cursor-pointer hover:bg-slate-50"
              onClick={() => onToggle(log.id)}
              data-testid={`haier-log-${log.id}`}
              data-status={log.status}
            >
              <Td>{log.id}</Td>
              <Td>
                <AbsoluteTime value={log.created_at} />
              </Td>
              <Td>{t.has(`syncTypes.${log.sync_type}`) ? t(`syncTypes.${log.sync_type}`) : log.sync_type}</Td>
              <Td>
                <StatusBadge status={log.status} />
              </Td>
              <Td>
                {log.total_count} / {log.success_count} / {log.failed_count}
              </Td>
              <Td>{log.duration === null ? "—" : `${log.duration.toFixed(1)} s`}</Td>
              <Td>{log.triggered_by ?? "—"}</Td>
              <Td className="max-w-md truncate" title={log.message}>
                {log.message}
              </Td>
            </tr>
            {open === log.id && (
              <tr data-testid={`haier-log-detail-${log.id}`}>
                <Td className="bg-slate-50" />
                <td colSpan={7} className="border-t border-slate-100 bg-slate-50 px-3 py-3 text-xs text-slate-700">
                  <dl className="grid grid-cols-2 gap-x-6 gap-y-1 md:grid-cols-4">
                    <dt className="text-slate-500">{t("history.started")}</dt>
                    <dd>
                      <AbsoluteTime value={log.started_at} />
                    </dd>
                    <dt className="text-slate-500">{t("history.completed")}</dt>
                    <dd>
                      <AbsoluteTime value={log.completed_at} />
                    </dd>
                    <dt className="text-slate-500">{t("history.apiCalls")}</dt>
                    <dd>
                      {t("history.apiCallsValue", {
                        calls: log.api_calls,
                        avg: log.api_calls ? Math.round(log.api_latency_ms / log.api_calls) : 0,
                      })}
                    </dd>
                    <dt className="text-slate-500">{t("history.run")}</dt>
                    <dd>
                      {log.run_id ? (
                        <Link className="text-blue-700 underline" href={`/runs/${log.run_id}`}>
                          {t("history.viewRun")}
                        </Link>
                      ) : (
                        "—"
                      )}
                    </dd>
                    <dt className="text-slate-500">{t("history.options")}</dt>
                    <dd className="col-span-3 font-mono">{JSON.stringify(log.options)}</dd>
                  </dl>
                  <p className="mt-2 whitespace-pre-wrap">{log.message}</p>
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </Table>
  );
}

export type { Log as HaierLogRow };
