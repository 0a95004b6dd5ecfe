"use client";

import { useTranslations } from "next-intl";
import { Table, Td, Th } from "@/components/ui/table";
import { AbsoluteTime } from "@/components/ui/time";

export interface HaierProductRow {
  id: number;
  product_code: string;
  name: string;
  brand: string | null;
  category: string | null;
  supply_price: string | null;
  invoice_price: string | null;
  price: string | null;
  stock_quantity: number | null;
  image_url: string | null;
  image_error: string | null;
  last_synced_at: string | null;
}

export function ProductsTable({ rows }: { rows: HaierProductRow[] }) {
  const t = useTranslations("haier");
  if (rows.length === 0) return <p className="text-sm text-slate-500">{t("products.empty")}</p>;
  return (
    <Table testId="haier-products">
      <thead>
        <tr>
          <Th>{t("products.image")}</Th>
          <Th>{t("products.code")}</Th>
          <Th>{t("products.name")}</Th>
          <Th>{t("products.brand")}</Th>
          <Th>{t("products.category")}</Th>
          <Th className="text-right">{t("products.supplyPrice")}</Th>
          <Th className="text-right">{t("products.invoicePrice")}</Th>
          <Th className="text-right">{t("products.price")}</Th>
          <Th className="text-right">{t("products.stock")}</Th>
          <Th>{t("products.lastSynced")}</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.id} data-testid={`haier-product-${p.product_code}`}>
            <Td>
              {p.image_url ? (
                // eslint-disable-next-line @next/next/no-img-element -- served by our own auth'd media route
                <img
                  src={p.image_url}
                  alt={p.name}
                  width={40}
                  height={40}
                  className="h-10 w-10 rounded border border-slate-200 object-cover"
                />
              ) : (
                <span className="text-xs text-slate-400" title={p.image_error ?? undefined}>
                  {t("products.noImage")}
                </span>
              )}
            </Td>
            <Td className="font-mono text-xs">{p.product_code}</Td>
            <Td>{p.name}</Td>
            <Td>{p.brand ?? "—"}</Td>
            <Td>{p.category ?? "—"}</Td>
            <Td className="text-right">{p.supply_price ?? "—"}</Td>
            <Td className="text-right">{p.invoice_price ?? "—"}</Td>
            <Td className="text-right">{p.price ?? "—"}</Td>
            <Td className="text-right">{p.stock_quantity ?? "—"}</Td>
            <Td>
              <AbsoluteTime value={p.last_synced_at} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
