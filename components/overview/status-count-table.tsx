"use client";

import { useTranslations } from "next-intl";
import { useStatusLabel } from "@/components/ui/status-badge";

export function StatusCountTable({ rows, testId }: { rows: { status: string; count: number }[]; testId: string }) {
  const t = useTranslations("overview");
  const label = useStatusLabel();
  if (rows.length === 0) return <p className="text-sm text-slate-500">{t("nothingYet")}</p>;
  return (
    <table className="mt-3 w-full text-sm" data-testid={testId}>
      <tbody>
        {rows.map((row) => (
          <tr key={row.status} className="border-t border-slate-100">
            <td className="py-1 text-slate-600">{label(row.status)}</td>
            <td className="py-1 text-right font-medium" data-status={row.status}>
              {row.count}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
