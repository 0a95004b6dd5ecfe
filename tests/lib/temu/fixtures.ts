import { prisma } from "../../../lib/db/client";
import { createMemoryRateLimiter } from "../../../lib/temu/rate-limiter";
import { createTemuDeps, type TemuDeps } from "../../../lib/temu/shop-client";
import type { SimulatedShopConfig } from "../../../lib/local-runtime/simulators/temu";
import type { TemuSimulator } from "../../../lib/local-runtime/simulators/temu";

export function shopConfig(shopId: string, orderCount: number, extra: Partial<SimulatedShopConfig> = {}): SimulatedShopConfig {
  return {
    shopId,
    name: `Shop ${shopId}`,
    appKey: `key-${shopId}`,
    appSecret: `secret-${shopId}`,
    accessToken: `token-${shopId}`,
    orderCount,
    goodsCount: 150,
    historyDays: 30,
    futureDays: 1,
    ...extra,
  };
}

/** Shop rows for the simulator's shops, credentials included. */
export async function createShops(sim: TemuSimulator) {
  const rows = [];
  for (const s of sim.shops) {
    rows.push(
      await prisma.shop.create({
        data: { shopId: s.shopId, name: s.name, appKey: s.appKey, appSecret: s.appSecret, accessToken: s.accessToken, apiBaseUrl: sim.url },
      }),
    );
  }
  return rows;
}

export function testDeps(
  sim: TemuSimulator,
  options: { ratePerSecond?: number; nowFromSim?: boolean; maxAttempts?: number } = {},
): TemuDeps {
  return createTemuDeps(prisma, {
    limiter: createMemoryRateLimiter({ ratePerSecond: options.ratePerSecond ?? 1000 }),
    client: { backoffBaseMs: 5, backoffMaxMs: 20, ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}) },
    now: options.nowFromSim ? () => new Date(sim.nowSeconds() * 1000) : undefined,
  });
}
