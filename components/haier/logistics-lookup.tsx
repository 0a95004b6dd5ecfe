"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, LabeledInput } from "@/components/ui/form-controls";
import { AbsoluteTime } from "@/components/ui/time";

export interface LogisticsAnswer {
  order_code: string;
  logistics: { logisticsCompany?: string; waybillCode?: string; status?: string; traces?: { time: string; desc: string }[] };
}

export function LogisticsLookup({
  onLookup,
  pending,
  answer,
  error,
}: {
  onLookup: (orderCode: string) => void;
  pending: boolean;
  answer: LogisticsAnswer | null;
  error: string | null;
}) {
  const t = useTranslations("haier");
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
        <LabeledInput label={t("logistics.orderCode")} value={orderCode} onChange={(e) => setOrderCode(e.target.value)} />
        <Button type="submit" disabled={pending}>
          {t("logistics.lookup")}
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
            {t("logistics.company")}: {answer.logistics.logisticsCompany ?? "—"} · {t("logistics.waybill")}:{" "}
            {answer.logistics.waybillCode ?? "—"} · {t("logistics.status")}: {answer.logistics.status ?? "—"}
          </p>
          <ol className="mt-1 list-inside list-decimal text-xs text-slate-600">
            {answer.logistics.traces?.map((t) => (
              <li key={t.time}>
                <AbsoluteTime value={t.time} /> — {t.desc}
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
