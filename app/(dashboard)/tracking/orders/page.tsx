"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { LabeledInput, LabeledSelect, Button } from "@/components/ui/form-controls";
import { PageHeader } from "@/components/ui/page-header";
import { QueryState } from "@/components/ui/query-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { fetchJson } from "@/lib/client/fetch-json";
import type { searchPurchasings } from "@/lib/purchasing/search-purchasings";
import { DELIVERY_STATUSES } from "@/lib/purchasing/delivery-statuses";

type Result = Awaited<ReturnType<typeof searchPurchasings>>;

export default function PurchasingOrdersPage() {
  const [q, setQ] = useState("");
  const [status, setStatus] = useState("");
  const [page, setPage] = useState(1);
  const params = new URLSearchParams({ q, delivery_status: status, page: String(page) });
  const { data, isLoading, error } = useQuery({
    queryKey: ["purchasings", q, status, page],
    queryFn: () => fetchJson<Result>(`/api/purchasings?${params}`),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
  const pages = data ? Math.max(1, Math.ceil(data.total / data.page_size)) : 1;

  return (
    <>
      <PageHeader title="Purchasing orders" description="Search by order number or tracking number; statuses from every carrier in one vocabulary." />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <LabeledInput label="Order or tracking number" value={q} placeholder="W123… or 4012…" onChange={(e) => { setQ(e.target.value); setPage(1); }} />
        <LabeledSelect label="Delivery status" value={status} onChange={(e) => { setStatus(e.target.value); setPage(1); }}>
          <option value="">All</option>
          {DELIVERY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.replaceAll("_", " ")}
            </option>
          ))}
        </LabeledSelect>
      </div>
      <QueryState isLoading={isLoading} error={error}>
        {data && (
          <>
            <p className="mb-2 text-sm text-slate-500" data-testid="purchasing-total">
              {data.total_is_lower_bound ? `more than ${data.total.toLocaleString()}` : data.total} orders
            </p>
            <Table testId="purchasings-table">
              <thead>
                <tr>
                  <Th>Order</Th>
                  <Th>Account</Th>
                  <Th>Tracking number</Th>
                  <Th>Carrier status</Th>
                  <Th>Status</Th>
                  <Th>Est. delivery</Th>
                  <Th>Updated</Th>
                </tr>
              </thead>
              <tbody>
                {data.results.map((p) => (
                  <tr key={p.id}>
                    <Td className="font-mono">{p.order_number}</Td>
                    <Td>{p.email ?? "—"}</Td>
                    <Td className="font-mono">
                      {p.tracking_number ?? "—"}
                      {p.tracking_number_issue && (
                        <span className="ml-2 rounded bg-red-100 px-1 text-xs text-red-700" title="The number fails its carrier's check digit">
                          {p.tracking_number_issue.replaceAll("_", " ")}
                        </span>
                      )}
                    </Td>
                    <Td>
                      {p.carrier_status ?? "—"}
                      {p.carrier && <span className="ml-1 text-xs text-slate-400">({p.carrier.replace("_", " ")})</span>}
                    </Td>
                    <Td>
                      <StatusBadge status={p.delivery_status} />
                    </Td>
                    <Td>{p.estimated_delivery_date ?? "—"}</Td>
                    <Td className="text-xs text-slate-500">{p.last_info_updated_at ? new Date(p.last_info_updated_at).toLocaleString() : "—"}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <div className="mt-3 flex items-center gap-3 text-sm">
              <Button variant="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                Previous
              </Button>
              <span>
                Page {page} of {pages}
              </span>
              <Button variant="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                Next
              </Button>
            </div>
          </>
        )}
      </QueryState>
    </>
  );
}
