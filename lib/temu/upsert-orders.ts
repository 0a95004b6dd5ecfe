// Bulk upsert of a page of bg.order.list.v2.get into TemuOrder, one row per
// child order keyed by its order serial, parent fields on every child.
import type { Db } from "../db/client";
import { readableOrderStatus } from "./order-statuses";
import type { TemuOrderListItem } from "./types";

const sqlTime = (seconds: number | undefined | null) => (seconds ? new Date(seconds * 1000).toISOString().replace("Z", "") : null);

/** Upserts every child order of the items; returns how many rows were written. */
export async function upsertOrderPage(db: Db, shopId: number, items: TemuOrderListItem[]): Promise<number> {
  const cols = {
    orderSn: [] as string[],
    parentOrderSn: [] as string[],
    orderStatus: [] as string[],
    orderStatusCode: [] as number[],
    parentOrderStatus: [] as string[],
    parentOrderStatusCode: [] as number[],
    goodsName: [] as (string | null)[],
    goodsId: [] as (string | null)[],
    skuId: [] as (string | null)[],
    quantity: [] as number[],
    createdAt: [] as (string | null)[],
    updatedAt: [] as (string | null)[],
    raw: [] as string[],
  };
  for (const item of items) {
    const parent = item.parentOrderMap;
    for (const child of item.orderList ?? []) {
      cols.orderSn.push(child.orderSn);
      cols.parentOrderSn.push(parent.parentOrderSn);
      cols.orderStatus.push(readableOrderStatus(child.orderStatus));
      cols.orderStatusCode.push(child.orderStatus);
      cols.parentOrderStatus.push(readableOrderStatus(parent.parentOrderStatus));
      cols.parentOrderStatusCode.push(parent.parentOrderStatus);
      cols.goodsName.push(child.goodsName ?? null);
      cols.goodsId.push(child.goodsId === undefined ? null : String(child.goodsId));
      cols.skuId.push(child.skuId === undefined ? null : String(child.skuId));
      cols.quantity.push(child.quantity ?? 1);
      cols.createdAt.push(sqlTime(parent.parentOrderTime));
      cols.updatedAt.push(sqlTime(parent.updateTime));
      // Raw payload kept for troubleshooting and re-mapping without refetching (PEERS.md).
      cols.raw.push(JSON.stringify({ parentOrderMap: parent, order: child }));
    }
  }
  if (cols.orderSn.length === 0) return 0;
  // A row already holding a newer update is left alone (pages can arrive out of order).
  return db.$executeRawUnsafe(
    `INSERT INTO "TemuOrder" ("shopId","orderSn","parentOrderSn","orderStatus","orderStatusCode","parentOrderStatus","parentOrderStatusCode",
       "goodsName","goodsId","skuId","quantity","orderCreatedAt","orderUpdatedAt","raw","updatedAt")
     SELECT $1, t.* , now() FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[], $8::text[], $9::text[], $10::text[],
       $11::int[], $12::timestamp(3)[], $13::timestamp(3)[], $14::jsonb[]) AS t
     ON CONFLICT ("orderSn") DO UPDATE SET
       "parentOrderSn" = excluded."parentOrderSn", "orderStatus" = excluded."orderStatus", "orderStatusCode" = excluded."orderStatusCode",
       "parentOrderStatus" = excluded."parentOrderStatus", "parentOrderStatusCode" = excluded."parentOrderStatusCode",
       "goodsName" = excluded."goodsName", "goodsId" = excluded."goodsId", "skuId" = excluded."skuId", "quantity" = excluded."quantity",
       "orderCreatedAt" = excluded."orderCreatedAt", "orderUpdatedAt" = excluded."orderUpdatedAt", "raw" = excluded."raw", "updatedAt" = now()
     WHERE "TemuOrder"."orderUpdatedAt" IS NULL OR excluded."orderUpdatedAt" >= "TemuOrder"."orderUpdatedAt"`,
    shopId,
    cols.orderSn,
    cols.parentOrderSn,
    cols.orderStatus,
    cols.orderStatusCode,
    cols.parentOrderStatus,
    cols.parentOrderStatusCode,
    cols.goodsName,
    cols.goodsId,
    cols.skuId,
    cols.quantity,
    cols.createdAt,
    cols.updatedAt,
    cols.raw,
  );
}
