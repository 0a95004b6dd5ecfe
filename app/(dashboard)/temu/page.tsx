"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSession } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ApiCallsChart, type ApiCallPoint } from "@/components/temu/api-calls-chart";
import { SyncProgressBar } from "@/components/temu/sync-progress-bar";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { AbsoluteTime } from "@/components/ui/time";
import { Table, Td, Th } from "@/components/ui/table";
import { fetchJson } from "@/lib/client/fetch-json";
import { ORDER_DETAIL_TASK_STATUSES } from "@/lib/db/enum-lists";

interface RunView {
  run_id: number;
  mode: string;
  status: string;
  pages_done: number;
  total_pages: number | null;
  percent: number;
  finished_at: string | null;
  items_upserted: number;
}
interface ShopProgress {
  shop: { shop_id: string; name: string; app_key: string | null; has_credentials: boolean; last_sync_error: string | null };
  orders: {
    sync_status: string;
    current: RunView | null;
    last_incremental: RunView | null;
    last_full: RunView | null;
    last_full_sync_at: string | null;
    stored_orders: number;
  };
  products: { sync_status: string; current: RunView | null; last_product_sync_at: string | null; last_product_full_sync_at: string | null };
  enrichment: { pending: number; processing: number; completed: number; failed: number };
}
interface Health {
  score: number;
  status: string;
  formula: string;
  deductions: Record<string, number>;
}
interface AlertView {
  id: number;
  kind: string;
  severity: string;
  message: string;
  first_seen_at: string;
  last_seen_at: string;
  link: string | null;
}
interface TaskView {
  id: number;
  parent_order_sn: string;
  error_message: string | null;
  retry_count: number;
  max_retries: number;
  updated_at: string;
}
interface OrderView {
  order_sn: string;
  parent_order_sn: string;
  status: string;
  package_sn: string | null;
  goods_name: string | null;
  order_updated_at: string | null;
}

const SEVERITY_TONE: Record<string, string> = {
  critical: "border-red-300 bg-red-50 text-red-800",
  warning: "border-amber-300 bg-amber-50 text-amber-800",
  info: "border-slate-200 bg-slate-50 text-slate-700",
};

export default function TemuPage() {
  const t = useTranslations("temu");
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  const isAdmin = session?.user?.role === "admin";
  const [selected, setSelected] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const [notice, setNotice] = useState<string | null>(null);

  const shops = useQuery({
    queryKey: ["temu-shops"],
    queryFn: () => fetchJson<{ shops: ShopProgress[] }>("/api/sync/shops"),
    refetchInterval: 2000,
  });
  const health = useQuery({
    queryKey: ["temu-health"],
    queryFn: () => fetchJson<Health>("/api/sync/monitoring/health"),
    refetchInterval: 10_000,
  });
  const alerts = useQuery({
    queryKey: ["temu-alerts"],
    queryFn: () => fetchJson<{ alerts: AlertView[] }>("/api/sync/monitoring/alerts"),
    refetchInterval: 10_000,
  });
  const calls = useQuery({
    queryKey: ["temu-api-calls"],
    queryFn: () => fetchJson<{ points: ApiCallPoint[] }>("/api/sync/monitoring/api-calls?hours=6&bucket_minutes=5"),
    refetchInterval: 10_000,
  });
  const shopId = selected ?? shops.data?.shops[0]?.shop.shop_id ?? null;
  const failedTasks = useQuery({
    queryKey: ["temu-failed", shopId],
    queryFn: () =>
      fetchJson<{ items: TaskView[]; total: number }>(`/api/sync/shops/${shopId}/orders/enrich-tasks?status=failed&page_size=20`),
    enabled: shopId !== null,
    refetchInterval: 5000,
  });
  const orders = useQuery({
    queryKey: ["temu-orders", shopId, search],
    queryFn: () =>
      fetchJson<{ items: OrderView[]; total: number }>(
        `/api/sync/shops/${shopId}/orders?${new URLSearchParams({ q: search, page_size: "25" })}`,
      ),
    enabled: shopId !== null,
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
  });

  const trigger = useMutation({
    mutationFn: ({ shop, path, body }: { shop: string; path: string; body?: unknown }) =>
      fetchJson(`/api/sync/shops/${shop}/${path}`, { method: "POST", body: JSON.stringify(body ?? {}) }),
    onSuccess: () => {
      setNotice(t("queued"));
      void queryClient.invalidateQueries({ queryKey: ["temu-shops"] });
      void queryClient.invalidateQueries({ queryKey: ["temu-failed"] });
    },
    onError: (error) => setNotice((error as Error).message),
  });

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={t("health")}>
          <QueryState isLoading={health.isLoading} error={health.error}>
            {health.data && (
              <div>
                <div className="flex items-baseline gap-3">
                  <span className="text-4xl font-semibold" data-testid="temu-health-score">
                    {health.data.score}
                  </span>
                  <StatusBadge status={health.data.status} />
                </div>
                <p className="mt-2 text-xs text-slate-500" data-testid="temu-health-formula">
                  {t("formula")}: {health.data.formula}
                </p>
                <ul className="mt-2 text-xs text-slate-600">
                  {Object.entries(health.data.deductions)
                    .filter(([, v]) => v > 0)
                    .map(([k, v]) => (
                      <li key={k}>
                        −{v} {k.replaceAll("_", " ")}
                      </li>
                    ))}
                </ul>
              </div>
            )}
          </QueryState>
        </Card>
        <div className="lg:col-span-2">
          <Card title={t("alerts")}>
            <QueryState isLoading={alerts.isLoading} error={alerts.error}>
              {alerts.data?.alerts.length ? (
                <ul className="space-y-2" data-testid="temu-alerts">
                  {alerts.data.alerts.map((alert) => (
                    <li key={alert.id} className={`rounded border px-3 py-2 text-sm ${SEVERITY_TONE[alert.severity] ?? ""}`}>
                      <span className="font-medium">{alert.severity}</span> · {alert.message}
                      <span className="ml-2 text-xs">
                        <AbsoluteTime value={alert.first_seen_at} /> → <AbsoluteTime value={alert.last_seen_at} />
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-500">{t("noAlerts")}</p>
              )}
            </QueryState>
          </Card>
        </div>
      </div>

      <div className="mt-4">
        <Card
          title={t("shops")}
          action={
            notice ? (
              <span role="status" className="text-xs text-slate-600">
                {notice}
              </span>
            ) : undefined
          }
        >
          <QueryState isLoading={shops.isLoading} error={shops.error}>
            {!shops.data?.shops.length ? (
              <EmptyState title={t("noShops")}>{t("description")}</EmptyState>
            ) : (
              <Table testId="temu-shops">
                <thead>
                  <tr>
                    <Th>{t("shop")}</Th>
                    <Th>{t("orderSync")}</Th>
                    <Th>{t("productSync")}</Th>
                    <Th>{t("enrichment")}</Th>
                    <Th>{t("actions")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {shops.data.shops.map((s) => {
                    const current = s.orders.current;
                    return (
                      <tr
                        key={s.shop.shop_id}
                        data-testid={`temu-shop-${s.shop.shop_id}`}
                        className={s.shop.shop_id === shopId ? "bg-slate-50" : ""}
                      >
                        <Td>
                          <button
                            type="button"
                            className="font-medium text-slate-900 underline-offset-2 hover:underline"
                            onClick={() => setSelected(s.shop.shop_id)}
                          >
                            {s.shop.name}
                          </button>
                          <div className="text-xs text-slate-500">
                            {s.shop.shop_id} · {t("appKey")} {s.shop.app_key ?? "—"}
                          </div>
                          <div className="text-xs text-slate-500">
                            {s.orders.stored_orders} {t("stored")}
                          </div>
                          {s.shop.last_sync_error && <div className="mt-1 max-w-xs text-xs text-red-600">{s.shop.last_sync_error}</div>}
                        </Td>
                        <Td>
                          <StatusBadge status={current ? "running" : s.orders.sync_status} />
                          {current && (
                            <SyncProgressBar
                              percent={current.percent}
                              label={`${current.mode}: ${current.pages_done}/${current.total_pages ?? "?"} ${t("pages")} (${current.percent}%)`}
                            />
                          )}
                          <div className="mt-1 text-xs text-slate-500">
                            {t("lastIncremental")}: <AbsoluteTime value={s.orders.last_incremental?.finished_at} />
                          </div>
                          <div className="text-xs text-slate-500">
                            {t("lastFull")}: <AbsoluteTime value={s.orders.last_full_sync_at} />
                          </div>
                        </Td>
                        <Td>
                          <StatusBadge status={s.products.current ? "running" : s.products.sync_status} />
                          <div className="mt-1 text-xs text-slate-500">
                            {t("lastIncremental")}: <AbsoluteTime value={s.products.last_product_sync_at} />
                          </div>
                          <div className="text-xs text-slate-500">
                            {t("lastFull")}: <AbsoluteTime value={s.products.last_product_full_sync_at} />
                          </div>
                        </Td>
                        <Td>
                          <div className="grid grid-cols-2 gap-x-3 text-xs" data-testid="temu-task-counts">
                            {ORDER_DETAIL_TASK_STATUSES.map((status) => (
                              <span key={status}>
                                {status}: <b>{s.enrichment[status]}</b>
                              </span>
                            ))}
                          </div>
                        </Td>
                        <Td>
                          <div className="flex max-w-xs flex-wrap gap-1">
                            {(
                              [
                                ["ordersIncremental", { kind: "orders", mode: "incremental" }],
                                ["ordersFull", { kind: "orders", mode: "full" }],
                                ["productsIncremental", { kind: "products", mode: "incremental" }],
                                ["productsFull", { kind: "products", mode: "full" }],
                              ] as const
                            ).map(([label, body]) => (
                              <button
                                key={label}
                                type="button"
                                className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 disabled:opacity-50"
                                disabled={trigger.isPending}
                                onClick={() => trigger.mutate({ shop: s.shop.shop_id, path: "sync", body })}
                              >
                                {t(label)}
                              </button>
                            ))}
                            <button
                              type="button"
                              className="rounded bg-slate-900 px-2 py-1 text-xs text-white disabled:opacity-50"
                              disabled={!isAdmin || trigger.isPending}
                              title={isAdmin ? undefined : t("adminOnly")}
                              onClick={() => trigger.mutate({ shop: s.shop.shop_id, path: "orders/enrich-details" })}
                            >
                              {t("enrichNow")}
                            </button>
                          </div>
                        </Td>
                      </tr>
                    );
                  })}
                </tbody>
              </Table>
            )}
          </QueryState>
        </Card>
      </div>

      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Card title={t("apiCalls")}>
          <QueryState isLoading={calls.isLoading} error={calls.error}>
            <ApiCallsChart points={calls.data?.points ?? []} labels={{ calls: t("calls"), failures: t("failures") }} />
          </QueryState>
        </Card>
        <Card title={`${t("failedTasks")}${shopId ? ` · ${shopId}` : ""}`}>
          <QueryState isLoading={failedTasks.isLoading && shopId !== null} error={failedTasks.error}>
            {failedTasks.data?.items.length ? (
              <Table testId="temu-failed-tasks">
                <thead>
                  <tr>
                    <Th>{t("parentOrderSn")}</Th>
                    <Th>{t("reason")}</Th>
                    <Th>{t("attempts")}</Th>
                    <Th />
                  </tr>
                </thead>
                <tbody>
                  {failedTasks.data.items.map((task) => (
                    <tr key={task.id}>
                      <Td className="font-mono text-xs">{task.parent_order_sn}</Td>
                      <Td className="text-xs text-red-700">{task.error_message}</Td>
                      <Td>
                        {task.retry_count}/{task.max_retries}
                      </Td>
                      <Td>
                        <button
                          type="button"
                          className="rounded border border-slate-300 px-2 py-1 text-xs disabled:opacity-50"
                          disabled={!isAdmin}
                          title={isAdmin ? undefined : t("adminOnly")}
                          onClick={() => trigger.mutate({ shop: shopId!, path: `orders/enrich-tasks/${task.id}/retry` })}
                        >
                          {t("retry")}
                        </button>
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            ) : (
              <p className="text-sm text-slate-500">{t("noFailedTasks")}</p>
            )}
          </QueryState>
        </Card>
      </div>

      {shopId && (
        <div className="mt-4">
          <Card title={`${t("orders")} · ${shopId}`} action={<span className="text-xs text-slate-500">{orders.data?.total ?? 0}</span>}>
            <input
              type="search"
              aria-label={t("search")}
              placeholder={t("search")}
              className="mb-3 w-full rounded border border-slate-300 px-3 py-1.5 text-sm"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <QueryState isLoading={orders.isLoading} error={orders.error}>
              <Table testId="temu-orders">
                <thead>
                  <tr>
                    <Th>{t("orderSn")}</Th>
                    <Th>{t("parentOrderSn")}</Th>
                    <Th>{t("status")}</Th>
                    <Th>{t("packageSn")}</Th>
                    <Th>{t("goods")}</Th>
                    <Th>{t("updated")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {(orders.data?.items ?? []).map((order) => (
                    <tr key={order.order_sn}>
                      <Td className="font-mono text-xs">{order.order_sn}</Td>
                      <Td className="font-mono text-xs">{order.parent_order_sn}</Td>
                      <Td>
                        <StatusBadge status={order.status} />
                      </Td>
                      <Td className="font-mono text-xs">{order.package_sn ?? "—"}</Td>
                      <Td>{order.goods_name}</Td>
                      <Td className="text-xs">
                        <AbsoluteTime value={order.order_updated_at} />
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </QueryState>
          </Card>
        </div>
      )}
    </>
  );
}
