// Shop reads for the pages and APIs: credentials never leave this file unmasked.
import type { Db, Shop } from "../db/client";
import { maskSecret } from "./shop-client";

export class ShopNotFoundError extends Error {
  constructor(readonly shopId: string) {
    super(`shop ${shopId} not found`);
  }
}

export async function syncableShopIds(db: Db): Promise<number[]> {
  const shops = await db.shop.findMany({
    where: { isActive: true, appKey: { not: null }, appSecret: { not: null }, accessToken: { not: null } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return shops.map((s) => s.id);
}

/** By the Temu shop id in the URL ({shop_id}); a numeric row id is accepted too. */
export async function findShopOrThrow(db: Db, shopId: string): Promise<Shop> {
  const shop =
    (await db.shop.findUnique({ where: { shopId } })) ??
    (/^\d{1,9}$/.test(shopId) ? await db.shop.findUnique({ where: { id: Number(shopId) } }) : null);
  if (!shop) throw new ShopNotFoundError(shopId);
  return shop;
}

export function shopJson(shop: Shop) {
  return {
    id: shop.id,
    shop_id: shop.shopId,
    name: shop.name,
    region: shop.region,
    is_active: shop.isActive,
    app_key: maskSecret(shop.appKey),
    has_credentials: Boolean(shop.appKey && shop.appSecret && shop.accessToken),
    sync_status: shop.syncStatus,
    last_sync_at: shop.lastSyncAt?.toISOString() ?? null,
    last_full_sync_at: shop.lastFullSyncAt?.toISOString() ?? null,
    last_successful_sync_at: shop.lastSuccessfulSyncAt?.toISOString() ?? null,
    product_sync_status: shop.productSyncStatus,
    last_product_sync_at: shop.lastProductSyncAt?.toISOString() ?? null,
    last_product_full_sync_at: shop.lastProductFullSyncAt?.toISOString() ?? null,
    last_sync_error: shop.lastSyncError,
  };
}
