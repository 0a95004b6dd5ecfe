// The orders list as a spreadsheet: the same filters and sort as the page, every matching row.
import { prisma } from "../db/client";
import { formatAbsoluteTime } from "../i18n/format-time";
import { paged, type ExportTable } from "../export/table-export";
import { purchasingOrderBy, purchasingWhere, serializePurchasing, type SearchPurchasingsQuery } from "./search-purchasings";

export const PURCHASING_EXPORT_COLUMNS = [
  "order_number",
  "account_email",
  "tracking_number",
  "tracking_number_issue",
  "carrier",
  "carrier_status",
  "delivery_status",
  "estimated_delivery_date_jst",
  "last_info_updated_at",
  "product_name",
];

export function exportPurchasings(query: SearchPurchasingsQuery, timeZone: string): ExportTable {
  const orderBy = purchasingOrderBy(query);
  async function* rows() {
    const where = await purchasingWhere(query);
    const all = paged((skip, take) =>
      prisma.purchasing.findMany({
        where,
        orderBy,
        skip,
        take,
        include: { officialAccount: { select: { email: true } }, inventory: { select: { productName: true, status: true } } },
      }),
    );
    for await (const row of all) {
      const p = serializePurchasing(row);
      yield [
        p.order_number,
        p.email,
        p.tracking_number,
        p.tracking_number_issue,
        p.carrier,
        p.carrier_status,
        p.delivery_status,
        p.estimated_delivery_date,
        p.last_info_updated_at ? formatAbsoluteTime(p.last_info_updated_at, timeZone) : null,
        p.product_name,
      ];
    }
  }
  return { columns: PURCHASING_EXPORT_COLUMNS, rows: rows() };
}
