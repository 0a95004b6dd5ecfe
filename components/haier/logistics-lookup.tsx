"use client";

import { useState } from "react";
import { Button, LabeledInput } from "@/components/ui/form-controls";
import { haierText } from "./haier-text";

export interface LogisticsAnswer {
  order_code: string;
  logistics: { logisticsCompany?: string; waybillCode?: string; status?: string; traces?: { time: string; desc: string }[] };
}

export function LogisticsLookup({ onLookup, pending, answer, error }: { onLookup: (orderCode: string) => void; pending: boolean; answer: LogisticsAnswer | null; error: string | null }) {
  const [orderCode, setOrderCode] = useState("");
  return (
    <div>
      <form
        className="flex items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (orderCode.trim()) onLookup(orderCode.trim());
        }}
      >
        <LabeledInput label={haierText("logistics.orderCode")} value={orderCode} onChange={(e) => setOrderCode(e.target.value)} />
        <Button type="submit" disabled={pending}>
          {haierText("logistics.lookup")}
        </Button>
      </form>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {answer && (
        <div className="mt-3 text-sm" data-testid="haier-logistics-result">
          <p>
            {haierText("logistics.company")}: {answer.logistics.logisticsCompany ?? "—"} · {haierText("logistics.waybill")}: {answer.logistics.waybillCode ?? "—"} ·{" "}
            {haierText("logistics.status")}: {answer.logistics.status ?? "—"}
          </p>
          <ol className="mt-1 list-inside list-decimal text-xs text-slate-600">
            {answer.logistics.traces?.map((t) => (
              <li key={t.time}>
                {new Date(t.time).toLocaleString()} — {t.desc}
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
