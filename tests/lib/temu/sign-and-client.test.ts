import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient, prisma } from "../../../lib/db/client";
import { startTemuSimulator, type TemuSimulator } from "../../../lib/local-runtime/simulators/temu";
import { createTemuClient } from "../../../lib/temu/client";
import { kindOfTemuCode, TemuApiError } from "../../../lib/temu/errors";
import { createDbRateLimiter, createMemoryRateLimiter } from "../../../lib/temu/rate-limiter";
import { signTemuParams, temuSignString } from "../../../lib/temu/sign";
import { resetDatabase } from "../../setup/reset-database";
import { shopConfig } from "./fixtures";

describe("Temu signing", () => {
  it("reproduces the partner documentation's worked example: 4CCF219942D4180C6DDA3CE36C1B838F", () => {
    const params = {
      access_token: "2nifvmpyymvypwmcms5ct4uqqudrwgpmzbcnmkt1jzjkuaf3x56iixym",
      app_key: "f9d5cc9313893a20d5aa85c654e8f503",
      data_type: "JSON",
      // The documentation's concatenation shows the list with its keys in this order.
      sendRequestList: [
        {
          orderSendInfoList: [
            {
              quantity: 1,
              orderSn: "211-21905473070712792",
              parentOrderSn: "PO-211-21905452099192792",
              goodsId: 601099548666279,
              skuId: 17592352673534,
            },
          ],
          carrierId: "699272611",
          trackingNumber: "270324232756",
        },
      ],
      sendType: 0,
      timestamp: 1711009072,
      type: "bg.logistics.shipment.confirm",
    };
    const secret = "c7e0a1a63542be4de3cb5488f9fba8149e8fc290";
    expect(temuSignString(params, secret).startsWith(`${secret}access_token2nifv`)).toBe(true);
    expect(signTemuParams(params, secret)).toBe("4CCF219942D4180C6DDA3CE36C1B838F");
    // Order of keys in the body does not matter, `sign` itself is left out.
    const shuffled = { sign: "X", ...Object.fromEntries(Object.entries(params).reverse()) };
    expect(signTemuParams(shuffled, secret)).toBe("4CCF219942D4180C6DDA3CE36C1B838F");
  });

  it("maps exact gateway codes to what the client does", () => {
    expect(kindOfTemuCode(4000004)).toBe("rate_limited");
    expect(kindOfTemuCode(4000000)).toBe("system");
    expect(kindOfTemuCode(3000011)).toBe("clock_skew");
    expect(kindOfTemuCode(3000012)).toBe("clock_skew");
    expect(kindOfTemuCode(3000001)).toBe("bad_sign");
    for (const code of [3000031, 3000032, 3000034, 5000000, 5000003]) expect(kindOfTemuCode(code)).toBe("auth");
  });
});

describe("Temu client against the simulator", () => {
  let sim: TemuSimulator;
  const shop = shopConfig("C1", 300);
  const other = shopConfig("C2", 300);
  beforeAll(async () => {
    sim = await startTemuSimulator({ seed: 5, shops: [shop, other] });
  });
  afterAll(() => sim.stop());
  beforeEach(resetDatabase);

  const client = (overrides: Partial<Parameters<typeof createTemuClient>[0]> = {}) =>
    createTemuClient({
      credentials: { appKey: shop.appKey, appSecret: shop.appSecret, accessToken: shop.accessToken, baseUrl: sim.url },
      limiter: createMemoryRateLimiter(),
      backoffBaseMs: 5,
      ...overrides,
    });

  it("a skewed clock is retried once with a fresh timestamp, then fails clearly", async () => {
    sim.server.clearRequests();
    await expect(
      client({ nowSeconds: () => Math.floor(Date.now() / 1000) - 3600 }).listOrders({ pageNumber: 1, pageSize: 1 }),
    ).rejects.toMatchObject({
      kind: "clock_skew",
      errorCode: 3000012,
    });
    expect(sim.requests).toHaveLength(2);
  });

  it("a wrong secret or an expired token fails at the first answer, no retry storm", async () => {
    sim.server.clearRequests();
    await expect(
      client({ credentials: { appKey: shop.appKey, appSecret: "bad", accessToken: shop.accessToken, baseUrl: sim.url } }).listOrders({
        pageNumber: 1,
        pageSize: 1,
      }),
    ).rejects.toMatchObject({ kind: "bad_sign", errorCode: 3000001 });
    sim.setTokenExpired("C1", true);
    const error = await client()
      .listOrders({ pageNumber: 1, pageSize: 1 })
      .catch((e) => e as TemuApiError);
    sim.setTokenExpired("C1", false);
    expect(error).toMatchObject({ kind: "auth", errorCode: 3000034 });
    expect((error as TemuApiError).hint).toMatch(/re-authorise/);
    expect(sim.requests).toHaveLength(2);
  });

  it("system errors and rate limits are retried with backoff", async () => {
    sim.setFaults({ errorRate: 0.5 });
    try {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => client({ maxAttempts: 10 }).listOrders({ pageNumber: i + 1, pageSize: 10 })),
      );
      expect(results.every((r) => r.pageItems.length === 10)).toBe(true);
    } finally {
      sim.setFaults({ errorRate: 0 });
    }
  });

  it("the database limiter keeps one app_key at or under 20 requests in every second across concurrent runs and processes", async () => {
    await new Promise((r) => setTimeout(r, 1100));
    // Two limiters on two connection pools stand for two processes; three runs each.
    const poolA = createPrismaClient();
    const poolB = createPrismaClient();
    const limiters = [createDbRateLimiter(poolA), createDbRateLimiter(poolB)];
    const before = sim.acceptedCallTimes(shop.appKey).length;
    const sends: number[] = [];
    const rejected: unknown[] = [];
    const startedAt = Date.now();
    try {
      await Promise.all(
        Array.from({ length: 6 }, async (_, run) => {
          const c = client({
            limiter: limiters[run % 2],
            // A request the network delays past its slot may still meet Temu's limit: the client retries those.
            maxAttempts: 5,
            fetch: async (url, init) => {
              sends.push(Date.now());
              return fetch(url, init);
            },
          });
          for (let i = 0; i < 10; i++) await c.listOrders({ pageNumber: 1, pageSize: 1 }).catch((e) => rejected.push(e));
        }),
      );
    } finally {
      await poolA.$disconnect();
      await poolB.$disconnect();
    }
    const elapsed = (Date.now() - startedAt) / 1000;
    expect(rejected).toEqual([]);
    expect(sim.acceptedCallTimes(shop.appKey).length - before).toBe(60);
    sends.sort((a, b) => a - b);
    for (let i = 0; i < sends.length; i++) {
      const inWindow = sends.filter((t) => t >= sends[i] && t < sends[i] + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(20);
    }
    // At most 20 per second means 60 calls take at least 2.9 s (3 s at 93% of the budget, more on a loaded machine).
    expect(elapsed).toBeGreaterThan(2.9);
    expect(await prisma.temuRateSlot.count()).toBe(1);
  });
});
