"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { LabeledInput, LabeledSelect, Button } from "@/components/ui/form-controls";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { CarrierTime, RelativeTime } from "@/components/ui/time";
import { ExportLinks } from "@/components/ui/export-links";
import { SortableTh } from "@/components/ui/sortable-th";
import { Table, Td, Th } from "@/components/ui/table";
import { useDebouncedUrlText, useUrlState } from "@/components/ui/use-url-state";
import { fetchJson } from "@/lib/client/fetch-json";
import type { searchPurchasings } from "@/lib/purchasing/search-purchasings";
import { DELIVERY_STATUSES } from "@/lib/purchasing/delivery-statuses";

type Result = Awaited<ReturnType<typeof searchPurchasings>>;

export default function PurchasingOrdersPage() {
  const t = useTranslations("orders");
  const tc = useTranslations("common");
  const ts = useTranslations("status");
  const { values, set, query } = useUrlState({ q: "", delivery_status: "", sort: "updated", dir: "desc", page: "1" });
  const page = Math.max(1, Number(values.page) || 1);
  const [q, setQ] = useDebouncedUrlText(values.q, (text) => set({ q: text, page: "1" }, { replace: true }));
  const onSort = (sort: string, dir: string) => set({ sort, dir, page: "1" });
  const { data, isLoading, error } = useQuery({
    queryKey: ["purchasings", query.toString()],
    queryFn: () => fetchJson<Result>(`/api/purchasings?${query}`),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
  const pages = data ? Math.max(1, Math.ceil(data.total / data.page_size)) : 1;

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <LabeledInput label={t("search")} value={q} placeholder={t("searchPlaceholder")} onChange={(e) => setQ(e.target.value)} />
        <LabeledSelect
          label={t("deliveryStatus")}
          value={values.delivery_status}
          onChange={(e) => set({ delivery_status: e.target.value, page: "1" })}
        >
          <option value="">{tc("all")}</option>
          {DELIVERY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ts(s)}
            </option>
          ))}
        </LabeledSelect>
        <div className="ml-auto">
          <ExportLinks href="/api/purchasings/export" query={query} />
        </div>
      </div>
      <QueryState isLoading={isLoading} error={error}>
        {data && (
          <>
            <p className="mb-2 text-sm text-slate-500" data-testid="purchasing-total">
              {data.total_is_lower_bound ? t("totalAtLeast", { count: data.total }) : t("total", { count: data.total })}
            </p>
            <Table testId="purchasings-table">
              <thead>
                <tr>
                  <SortableTh column="order_number" sort={values.sort} dir={values.dir} onSort={onSort}>
                    {t("columns.order")}
                  </SortableTh>
                  <Th>{t("columns.account")}</Th>
                  <SortableTh column="tracking_number" sort={values.sort} dir={values.dir} onSort={onSort}>
                    {t("columns.trackingNumber")}
                  </SortableTh>
                  <Th>{t("columns.carrierStatus")}</Th>
                  <SortableTh column="delivery_status" sort={values.sort} dir={values.dir} onSort={onSort}>
                    {t("columns.status")}
                  </SortableTh>
                  <SortableTh column="estimated_delivery" sort={values.sort} dir={values.dir} onSort={onSort}>
                    {t("columns.estimatedDelivery")}
                  </SortableTh>
                  <SortableTh column="updated" sort={values.sort} dir={values.dir} onSort={onSort}>
                    {t("columns.updated")}
                  </SortableTh>
                </tr>
              </thead>
              <tbody>
                {data.results.map((p) => (
                  <tr key={p.id}>
                    <Td className="font-mono">
                      <Link className="text-blue-700 underline" href={`/tracking/orders/${encodeURIComponent(p.order_number)}`}>
                        {p.order_number}
                      </Link>
                    </Td>
                    <Td>{p.email ?? "—"}</Td>
                    <Td className="font-mono">
                      {p.tracking_number ?? "—"}
                      {p.tracking_number_issue && (
                        <span className="ml-2 rounded bg-red-100 px-1 text-xs text-red-700" title={t("checkDigitHint")}>
                          {t.has(`issues.${p.tracking_number_issue}`) ? t(`issues.${p.tracking_number_issue}`) : p.tracking_number_issue}
                        </span>
                      )}
                      {p.carrier_tracking_number && p.carrier_tracking_number !== p.tracking_number && (
                        <div className="text-xs text-slate-500" title={t("carrierTrackingNumberHint")}>
                          {p.carrier_tracking_number}
                        </div>
                      )}
                    </Td>
                    <Td>
                      {/* The carrier's own words, verbatim (Japanese); the normalized status is the next column. */}
                      <span lang="ja">{p.carrier_status ?? "—"}</span>
                      {p.carrier && (
                        <span className="ml-1 text-xs text-slate-500">
                          ({t.has(`carriers.${p.carrier}`) ? t(`carriers.${p.carrier}`) : p.carrier})
                        </span>
                      )}
                    </Td>
                    <Td>
                      <StatusBadge status={p.delivery_status} />
                    </Td>
                    <Td className="text-xs">
                      <CarrierTime value={p.estimated_delivery_date} />
                    </Td>
                    <Td className="text-xs text-slate-500">
                      <RelativeTime value={p.last_info_updated_at} />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <div className="mt-3 flex items-center gap-3 text-sm">
              <Button variant="secondary" disabled={page <= 1} onClick={() => set({ page: String(page - 1) })}>
                {tc("previous")}
              </Button>
              <span>{tc("pageOf", { page, pages })}</span>
              <Button variant="secondary" disabled={page >= pages} onClick={() => set({ page: String(page + 1) })}>
                {tc("next")}
              </Button>
            </div>
          </>
        )}
      </QueryState>
    </>
  );
}
