"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useParams } from "next/navigation";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { AbsoluteTime, CarrierTime, RelativeTime } from "@/components/ui/time";
import { fetchJson } from "@/lib/client/fetch-json";
import type { PurchasingDetail } from "@/lib/purchasing/get-purchasing-detail";

export default function PurchasingOrderPage() {
  const t = useTranslations("order");
  const to = useTranslations("orders");
  const { orderNumber } = useParams<{ orderNumber: string }>();
  const {
    data: order,
    isLoading,
    error,
  } = useQuery({
    queryKey: ["purchasing", orderNumber],
    queryFn: () => fetchJson<PurchasingDetail>(`/api/purchasings/${encodeURIComponent(orderNumber)}`),
    refetchInterval: 15_000,
  });
  const carrierName = (carrier: string | null) => (carrier ? (to.has(`carriers.${carrier}`) ? to(`carriers.${carrier}`) : carrier) : "—");

  return (
    <>
      <PageHeader
        title={t("title", { order: decodeURIComponent(orderNumber) })}
        description={t("description")}
        actions={
          <Link href="/tracking/orders" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
            {t("allOrders")}
          </Link>
        }
      />
      <QueryState isLoading={isLoading} error={error}>
        {order && (
          <div className="grid gap-6">
            <Card title={t("summary")}>
              <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
                <div>
                  <dt className="text-slate-600">{t("status")}</dt>
                  <dd data-testid="order-status">
                    <StatusBadge status={order.delivery_status} />{" "}
                    <span lang="ja" className="ml-1">
                      {order.carrier_status ?? ""}
                    </span>
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("account")}</dt>
                  <dd>{order.email ?? "—"}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("trackingNumber")}</dt>
                  <dd className="font-mono" data-testid="order-tracking-number">
                    {order.tracking_number ?? "—"}
                    {order.check_digit && (
                      <span
                        data-check-digit={order.check_digit}
                        className={`ml-2 rounded px-1 font-sans text-xs ${order.check_digit === "valid" ? "bg-emerald-100 text-emerald-800" : "bg-red-100 text-red-800"}`}
                      >
                        {t(`checkDigit.${order.check_digit === "valid" ? "valid" : order.check_digit}`)}
                      </span>
                    )}
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("carrier")}</dt>
                  <dd>
                    {carrierName(order.carrier)}
                    {order.carrier_tracking_url && (
                      <>
                        {" · "}
                        <a className="text-blue-700 underline" href={order.carrier_tracking_url} target="_blank" rel="noreferrer noopener">
                          {t("carrierPage")}
                        </a>
                      </>
                    )}
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("estimatedDelivery")}</dt>
                  <dd>
                    <CarrierTime value={order.estimated_delivery_date} />
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("product")}</dt>
                  <dd>{order.product_name ?? "—"}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("updated")}</dt>
                  <dd>
                    <AbsoluteTime value={order.last_info_updated_at} />
                  </dd>
                </div>
              </dl>
            </Card>
            <Card title={t("history")}>
              {order.history.length === 0 ? (
                <p className="text-sm text-slate-600">{t("noHistory")}</p>
              ) : (
                <Table testId="status-history">
                  <thead>
                    <tr>
                      <Th>{t("columns.when")}</Th>
                      <Th>{t("columns.status")}</Th>
                      <Th>{t("columns.carrierWords")}</Th>
                      <Th>{t("columns.trackingNumber")}</Th>
                      <Th>{t("columns.cause")}</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {order.history.map((h) => (
                      <tr key={h.id} data-status={h.delivery_status}>
                        <Td className="text-xs text-slate-600">
                          <RelativeTime value={h.recorded_at} />
                        </Td>
                        <Td>
                          {h.previous_delivery_status && h.previous_delivery_status !== h.delivery_status && (
                            <>
                              <StatusBadge status={h.previous_delivery_status} /> →{" "}
                            </>
                          )}
                          <StatusBadge status={h.delivery_status} />
                        </Td>
                        <Td>
                          <span lang="ja">{h.carrier_status ?? "—"}</span>
                        </Td>
                        <Td className="font-mono text-xs">{h.tracking_number ?? "—"}</Td>
                        <Td className="text-xs">
                          <div>{h.tracker ?? "—"}</div>
                          {h.custom_id && h.batch_uuid ? (
                            <Link className="font-mono text-blue-700 underline" href={`/tracking/batches/${h.batch_uuid}#${h.custom_id}`}>
                              {h.custom_id}
                            </Link>
                          ) : (
                            h.custom_id && <span className="font-mono">{h.custom_id}</span>
                          )}
                          {h.webscraper_job_id && (
                            <div>
                              <Link className="text-blue-700 underline" href={`/logs?job_id=${encodeURIComponent(h.webscraper_job_id)}`}>
                                {t("syncLogs", { job: h.webscraper_job_id })}
                              </Link>
                            </div>
                          )}
                        </Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              )}
            </Card>
          </div>
        )}
      </QueryState>
    </>
  );
}
