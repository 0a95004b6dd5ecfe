// Product sync of one shop (seed 004 §6: incremental every 10 minutes, full at
// 03:00). bg.local.goods.list.query has no "updated since" filter in the partner
// documentation, so both modes walk the list (a shop has hundreds of goods, a few
// pages); they differ in which Shop timestamp they set. Pages with pageNo.
import type { TemuSyncMode } from "../db/client";
import { isTemuApiError } from "./errors";
import { failSync } from "./order-sync";
import type { TemuDeps } from "./shop-client";
import type { TemuGoods } from "./types";

export const GOODS_PAGE_SIZE = 100;

async function upsertGoods(deps: TemuDeps, shopId: number, goods: TemuGoods[]): Promise<number> {
  if (goods.length === 0) return 0;
  return deps.db.$executeRawUnsafe(
    `INSERT INTO "TemuProduct" ("shopId","goodsId","goodsName","outGoodsSn","price","currency","quantity","raw","updatedAt")
     SELECT $1, t.*, now() FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::jsonb[]) AS t
     ON CONFLICT ("shopId","goodsId") DO UPDATE SET "goodsName" = excluded."goodsName", "outGoodsSn" = excluded."outGoodsSn",
       "price" = excluded."price", "currency" = excluded."currency", "quantity" = excluded."quantity", "raw" = excluded."raw", "updatedAt" = now()`,
    shopId,
    goods.map((g) => String(g.goodsId)),
    goods.map((g) => g.goodsName),
    goods.map((g) => g.outGoodsSn ?? null),
    goods.map((g) => g.price ?? null),
    goods.map((g) => g.currency ?? null),
    goods.map((g) => (typeof g.quantity === "number" ? g.quantity : null)),
    goods.map((g) => JSON.stringify(g)),
  );
}

export async function runProductSync(deps: TemuDeps, input: { shopId: number; mode: TemuSyncMode; trigger?: string }) {
  const { db } = deps;
  const shop = await db.shop.findUniqueOrThrow({ where: { id: input.shopId } });
  let run =
    (await db.temuSyncRun.findFirst({ where: { shopId: shop.id, kind: "products", status: "running" }, orderBy: { id: "desc" } })) ??
    (await db.temuSyncRun.create({
      data: {
        shopId: shop.id,
        kind: "products",
        mode: input.mode,
        trigger: input.trigger ?? "cron",
        windowEnd: deps.now(),
        pageSize: GOODS_PAGE_SIZE,
      },
    }));
  await db.shop.update({ where: { id: shop.id }, data: { productSyncStatus: "syncing" } });
  const client = deps.clientFor(shop);
  try {
    while (run.totalPages === null || run.nextPage <= run.totalPages) {
      const page = await client.listGoods({ pageNo: run.nextPage, pageSize: GOODS_PAGE_SIZE });
      const written = await upsertGoods(deps, shop.id, page.goodsList ?? []);
      run = await db.temuSyncRun.update({
        where: { id: run.id },
        data: {
          nextPage: run.nextPage + 1,
          pagesDone: { increment: 1 },
          itemsUpserted: { increment: written },
          totalItems: page.total,
          totalPages: Math.max(1, Math.ceil(page.total / GOODS_PAGE_SIZE)),
          heartbeatAt: deps.now(),
        },
      });
    }
    const now = deps.now();
    await db.temuSyncRun.update({ where: { id: run.id }, data: { status: "completed", finishedAt: now } });
    await db.shop.update({
      where: { id: shop.id },
      data: { productSyncStatus: "success", lastProductSyncAt: now, ...(run.mode === "full" ? { lastProductFullSyncAt: now } : {}) },
    });
    await deps.callLog.flush();
    return { runId: run.id, status: "completed" as const, itemsUpserted: run.itemsUpserted, total: run.totalItems };
  } catch (error) {
    await deps.callLog.flush();
    if (isTemuApiError(error) && !error.retryable) await failSync(deps, run.id, error);
    throw error;
  }
}
