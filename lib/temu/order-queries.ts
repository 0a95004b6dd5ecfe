// The page's orders table: a shop's orders by newest update, searchable by order
// number, parent order number, package number or goods name.
import { z } from "zod";
import type { Db, Prisma } from "../db/client";

export const orderSearchQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});

export async function searchShopOrders(db: Db, shopId: number, query: z.infer<typeof orderSearchQuery>) {
  const where: Prisma.TemuOrderWhereInput = {
    shopId,
    ...(query.status ? { parentOrderStatus: query.status } : {}),
    ...(query.q
      ? {
          OR: [
            { orderSn: { contains: query.q } },
            { parentOrderSn: { contains: query.q } },
            { packageSn: { contains: query.q } },
            { goodsName: { contains: query.q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [total, orders] = await Promise.all([
    db.temuOrder.count({ where }),
    db.temuOrder.findMany({
      where,
      orderBy: [{ orderUpdatedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
      skip: (query.page - 1) * query.page_size,
      take: query.page_size,
    }),
  ]);
  return {
    total,
    page: query.page,
    page_size: query.page_size,
    items: orders.map((o) => ({
      order_sn: o.orderSn,
      parent_order_sn: o.parentOrderSn,
      status: o.orderStatus,
      parent_status: o.parentOrderStatus,
      package_sn: o.packageSn,
      goods_name: o.goodsName,
      quantity: o.quantity,
      order_created_at: o.orderCreatedAt?.toISOString() ?? null,
      order_updated_at: o.orderUpdatedAt?.toISOString() ?? null,
    })),
  };
}

/** API calls and failures per time bucket (the page's chart). */
export async function apiCallSeries(db: Db, options: { hours: number; bucketMinutes: number; now?: Date }) {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - options.hours * 3_600_000);
  const bucketMs = options.bucketMinutes * 60_000;
  const rows = await db.$queryRawUnsafe<{ bucket: number; calls: bigint; failures: bigint; avg_latency: number | null }[]>(
    `SELECT (floor(extract(epoch FROM "at") * 1000 / $2) * $2)::float8 AS bucket, count(*) AS calls,
            count(*) FILTER (WHERE NOT "ok") AS failures, avg("latencyMs")::float8 AS avg_latency
     FROM "TemuApiCall" WHERE "at" >= $1 GROUP BY 1 ORDER BY 1`,
    since,
    bucketMs,
  );
  return {
    since: since.toISOString(),
    bucket_minutes: options.bucketMinutes,
    points: rows.map((r) => ({
      at: new Date(Number(r.bucket)).toISOString(),
      calls: Number(r.calls),
      failures: Number(r.failures),
      avg_latency_ms: r.avg_latency === null ? null : Math.round(r.avg_latency),
    })),
  };
}
