import { describe, expect, it } from "vitest";
import { functions } from "@/inngest/functions";
import { createHaierSyncFunction } from "@/inngest/functions/haier-sync";
import { haierScheduleFunctions } from "@/inngest/functions/haier-sync-schedules";
import { parseCron, nextCronTime } from "@/lib/local-runtime/executor/cron";
import { parseSyncCliArgs } from "@/scripts/lib/haier-sync-cli";
import { computeSyncMetrics } from "@/lib/haier/sync-metrics";
import { prisma } from "@/lib/db/client";

const base = { baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "resale-ops" };

describe("Haier engine functions", () => {
  it("runs one sync per sync type at a time (concurrency key) and is registered", () => {
    const fn = createHaierSyncFunction(() => ({
      db: prisma,
      client: () => {
        throw new Error("unused");
      },
      images: () => {
        throw new Error("unused");
      },
    }));
    const [config] = fn["getConfig"](base);
    expect(config.triggers).toEqual([{ event: "haier/sync.requested" }]);
    expect(config.concurrency).toEqual({ limit: 1, key: "event.data.syncType" });
    expect(functions.some((f) => f.id("resale-ops") === "resale-ops-haier-sync")).toBe(true);
  });

  it("schedules seed 003's cron lines in Asia/Shanghai", () => {
    const crons = haierScheduleFunctions.map((fn) => fn["getConfig"](base)[0].triggers[0]);
    expect(crons).toEqual([
      { cron: "TZ=Asia/Shanghai 0 2 * * *" },
      { cron: "TZ=Asia/Shanghai 0 * * * *" },
      { cron: "TZ=Asia/Shanghai */30 * * * *" },
    ]);
    // 02:00 in Shanghai is 18:00 UTC the day before.
    const next = nextCronTime(parseCron("TZ=Asia/Shanghai 0 2 * * *"), Date.parse("2026-11-29T12:00:00Z"));
    expect(new Date(next!).toISOString()).toBe("2026-11-29T18:00:00.000Z");
    for (const fn of haierScheduleFunctions) expect(functions).toContain(fn);
  });
});

describe("Haier CLI options", () => {
  it("reads the seed's options", () => {
    const options = parseSyncCliArgs([
      "--product-codes",
      "A1",
      "B2",
      "--sync-prices",
      "--sync-stock",
      "--county-code",
      "310101",
      "--brand",
      "AQUA",
      "--sync",
    ]);
    expect(options).toMatchObject({
      sync: true,
      dryRun: false,
      request: { syncType: "products", productCodes: ["A1", "B2"], syncPrices: true, syncStock: true, countyCode: "310101", brand: "AQUA" },
    });
    expect(parseSyncCliArgs([]).request).toMatchObject({ countyCode: "110101", syncPrices: false, syncStock: false });
    expect(parseSyncCliArgs(["--type", "stock", "--dry-run"])).toMatchObject({ dryRun: true, request: { syncType: "stock" } });
    expect(() => parseSyncCliArgs(["--county-code", "abc"])).toThrow(/6 digits/);
    expect(() => parseSyncCliArgs(["--nope"])).toThrow(/unknown option/);
  });
});

describe("seed 003 metrics", () => {
  it("flags each threshold on the wrong side", () => {
    const good = computeSyncMetrics([
      { status: "success", total_count: 1000, success_count: 990, failed_count: 10, duration: 60, api_calls: 100, api_latency_ms: 5000 },
    ]);
    expect(good.productsPerMinute).toMatchObject({ value: 990, breached: false });
    expect(good.successRate.breached).toBe(false);
    expect(good.avgApiLatencySeconds).toMatchObject({ value: 0.05, breached: false });
    expect(good.failureRate.breached).toBe(false);
    const bad = computeSyncMetrics([
      { status: "partial", total_count: 100, success_count: 50, failed_count: 50, duration: 60, api_calls: 10, api_latency_ms: 60_000 },
    ]);
    expect([bad.productsPerMinute.breached, bad.successRate.breached, bad.avgApiLatencySeconds.breached, bad.failureRate.breached]).toEqual(
      [true, true, true, true],
    );
    expect(computeSyncMetrics([]).successRate).toMatchObject({ value: null, breached: false });
  });
});
