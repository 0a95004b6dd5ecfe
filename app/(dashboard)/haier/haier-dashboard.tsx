"use client";

import { useTranslations } from "next-intl";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { LogisticsLookup, type LogisticsAnswer } from "@/components/haier/logistics-lookup";
import { MetricCards } from "@/components/haier/metric-cards";
import { ProductsTable, type HaierProductRow } from "@/components/haier/products-table";
import { SyncCharts } from "@/components/haier/sync-charts";
import { SyncHistoryTable, type HaierLogRow } from "@/components/haier/sync-history-table";
import { SyncTriggerForm, type SyncTriggerValues } from "@/components/haier/sync-trigger-form";
import { Card } from "@/components/ui/card";
import { useStatusLabel } from "@/components/ui/status-badge";
import { Button, LabeledInput, LabeledSelect } from "@/components/ui/form-controls";
import { QueryState } from "@/components/ui/query-state";
import { fetchJson } from "@/lib/client/fetch-json";
import { HAIER_SYNC_STATUSES, HAIER_SYNC_TYPES } from "@/lib/db/enum-lists";
import { computeSyncMetrics } from "@/lib/haier/sync-metrics";

interface LogsAnswer {
  count: number;
  results: HaierLogRow[];
}
interface ProductsAnswer {
  count: number;
  page: number;
  page_size: number;
  results: HaierProductRow[];
  brands: string[];
  categories: string[];
}

function SyncHistory() {
  const t = useTranslations("haier");
  const statusLabel = useStatusLabel();
  const [syncType, setSyncType] = useState("");
  const [status, setStatus] = useState("");
  const [limit, setLimit] = useState("20");
  const [open, setOpen] = useState<number | null>(null);
  const params = new URLSearchParams({ ...(syncType ? { sync_type: syncType } : {}), ...(status ? { status } : {}), limit });
  const logs = useQuery({
    queryKey: ["haier-logs", syncType, status, limit],
    queryFn: () => fetchJson<LogsAnswer>(`/api/haier/logs?${params}`),
    placeholderData: keepPreviousData,
    refetchInterval: 3_000,
  });
  // Metrics and charts over the recent product / price / stock runs, whatever the table's filters.
  const recent = useQuery({
    queryKey: ["haier-logs-recent"],
    queryFn: () => fetchJson<LogsAnswer>(`/api/haier/logs?limit=50`),
    refetchInterval: 5_000,
  });
  const runs = (recent.data?.results ?? []).filter((r) => ["products", "prices", "stock"].includes(r.sync_type));
  const chartRuns = runs
    .filter((r) => ["success", "partial", "failed"].includes(r.status))
    .slice()
    .reverse()
    .map((r) => ({
      id: r.id,
      label: `#${r.id}`,
      successRate: r.total_count ? Math.round((r.success_count / r.total_count) * 1000) / 10 : null,
      duration: r.duration,
    }));

  return (
    <>
      <MetricCards metrics={computeSyncMetrics(runs)} />
      <SyncCharts runs={chartRuns} />
      <Card title={t("history.title")}>
        <div className="mb-3 flex flex-wrap items-end gap-3">
          <LabeledSelect label={t("history.type")} value={syncType} onChange={(e) => setSyncType(e.target.value)}>
            <option value="">{t("history.allTypes")}</option>
            {HAIER_SYNC_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`syncTypes.${type}`)}
              </option>
            ))}
          </LabeledSelect>
          <LabeledSelect label={t("history.status")} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t("history.allStatuses")}</option>
            {HAIER_SYNC_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </LabeledSelect>
          <LabeledSelect label={t("history.limit")} value={limit} onChange={(e) => setLimit(e.target.value)}>
            {["10", "20", "50", "100"].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </LabeledSelect>
        </div>
        <QueryState isLoading={logs.isLoading} error={logs.error}>
          <SyncHistoryTable logs={logs.data?.results ?? []} open={open} onToggle={(id) => setOpen(open === id ? null : id)} />
        </QueryState>
      </Card>
    </>
  );
}

function Products() {
  const t = useTranslations("haier");
  const [q, setQ] = useState("");
  const [brand, setBrand] = useState("");
  const [category, setCategory] = useState("");
  const [page, setPage] = useState(1);
  const params = new URLSearchParams({ q, brand, category, page: String(page), page_size: "25" });
  const products = useQuery({
    queryKey: ["haier-products", q, brand, category, page],
    queryFn: () => fetchJson<ProductsAnswer>(`/api/haier/products?${params}`),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
  const pages = Math.max(1, Math.ceil((products.data?.count ?? 0) / 25));
  return (
    <Card title={t("products.title")}>
      <div className="mb-3 flex flex-wrap items-end gap-3">
        <LabeledInput label={t("products.search")} value={q} onChange={(e) => (setQ(e.target.value), setPage(1))} />
        <LabeledSelect label={t("products.brand")} value={brand} onChange={(e) => (setBrand(e.target.value), setPage(1))}>
          <option value="">{t("products.allBrands")}</option>
          {products.data?.brands.map((b) => (
            <option key={b}>{b}</option>
          ))}
        </LabeledSelect>
        <LabeledSelect label={t("products.category")} value={category} onChange={(e) => (setCategory(e.target.value), setPage(1))}>
          <option value="">{t("products.allCategories")}</option>
          {products.data?.categories.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </LabeledSelect>
      </div>
      <QueryState isLoading={products.isLoading} error={products.error}>
        <ProductsTable rows={products.data?.results ?? []} />
        <div className="mt-3 flex items-center gap-3 text-sm text-slate-600">
          <Button variant="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {t("products.previous")}
          </Button>
          <span>{t("products.page", { page, pages, count: products.data?.count ?? 0 })}</span>
          <Button variant="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {t("products.next")}
          </Button>
        </div>
      </QueryState>
    </Card>
  );
}

export function HaierDashboard({ isAdmin }: { isAdmin: boolean }) {
  const t = useTranslations("haier");
  const queryClient = useQueryClient();
  const start = useMutation({
    mutationFn: (values: SyncTriggerValues) =>
      fetchJson<{ log_id: number }>("/api/haier/sync", { method: "POST", body: JSON.stringify(values) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["haier-logs"] }),
  });
  const lookup = useMutation({
    mutationFn: (orderCode: string) =>
      fetchJson<LogisticsAnswer>("/api/haier/logistics", { method: "POST", body: JSON.stringify({ order_code: orderCode }) }),
  });
  return (
    <div className="flex flex-col gap-6">
      <Card title={t("trigger.title")}>
        {isAdmin ? (
          <SyncTriggerForm
            onStart={(values) => start.mutate(values)}
            pending={start.isPending}
            result={start.data ? t("trigger.queued", { id: start.data.log_id }) : null}
            error={start.error ? (start.error as Error).message : null}
          />
        ) : (
          <p className="text-sm text-slate-500">{t("trigger.adminOnly")}</p>
        )}
      </Card>
      {isAdmin ? <SyncHistory /> : <p className="text-sm text-slate-500">{t("history.adminOnly")}</p>}
      <Products />
      <Card title={t("logistics.title")}>
        <LogisticsLookup
          onLookup={(code) => lookup.mutate(code)}
          pending={lookup.isPending}
          answer={lookup.data ?? null}
          error={lookup.error ? (lookup.error as Error).message : null}
        />
      </Card>
    </div>
  );
}
