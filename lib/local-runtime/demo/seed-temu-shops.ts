// Embedded mode: the Temu simulator's shops become Shop rows (credentials and
// endpoint included) so the Temu page and its syncs work out of the box. The
// simulator's port can change between starts, so the endpoint is refreshed every time.
import type { Db } from "../../db/client";

export interface SimulatorShop {
  shopId: string;
  name: string;
  appKey: string;
  appSecret: string;
  accessToken: string;
}

export async function upsertSimulatorShops(db: Db, shops: SimulatorShop[], baseUrl: string): Promise<number> {
  for (const shop of shops) {
    const credentials = { appKey: shop.appKey, appSecret: shop.appSecret, accessToken: shop.accessToken, apiBaseUrl: baseUrl };
    await db.shop.upsert({
      where: { shopId: shop.shopId },
      create: { shopId: shop.shopId, name: shop.name, region: "us", ...credentials },
      update: credentials,
    });
  }
  return shops.length;
}
