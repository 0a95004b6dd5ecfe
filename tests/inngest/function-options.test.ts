// Every function the app registers must sync on the local executor exactly as
// on Inngest: options that are validated there are valid, and none is one the
// executor would refuse as not implemented (lib/local-runtime/executor/function-validation.ts).
import { describe, expect, it } from "vitest";
import { functions } from "@/inngest/functions";
import { validateFunctionConfig } from "@/lib/local-runtime/executor/function-validation";
import type { FunctionConfig } from "@/lib/local-runtime/executor/types";

describe("the app's Inngest functions", () => {
  const origin = "http://localhost:3000";
  const configs = functions.flatMap((fn) =>
    (fn as unknown as { getConfig(o: unknown): FunctionConfig[] }).getConfig({
      baseUrl: new URL(`${origin}/api/inngest`),
      appPrefix: "resale-ops",
    }),
  );

  it.each(configs.map((c) => [c.id, c] as const))("%s registers without a problem", (_id, config) => {
    expect(validateFunctionConfig(config, origin)).toEqual([]);
  });

  // Issue 13, "one sync of a kind at a time": a scheduled tick while the same sync
  // runs is skipped (the schedules wait for their syncs and are singletons); manual
  // requests, which already wrote a pending log row, queue behind the sync's
  // concurrency key. tests/inngest/scheduled-sync-singleton.test.ts runs it.
  const byId = (id: string) => configs.find((c) => c.id === `resale-ops-${id}`);
  it.each([
    "haier-daily-products",
    "haier-hourly-prices",
    "haier-stock-110101",
    "temu-schedule-incremental",
    "temu-schedule-full-orders",
    "temu-schedule-full-products",
  ])("schedule %s skips a tick while its previous tick is unfinished", (id) => {
    expect(byId(id)?.singleton).toEqual({ mode: "skip" });
    expect(byId(id)?.concurrency).toBeUndefined();
  });
  it.each([
    ["haier-sync", "event.data.syncType"],
    ["temu-order-sync", "event.data.shopId"],
    ["temu-product-sync", "event.data.shopId"],
  ])("sync %s queues manual requests behind its concurrency key, never drops them", (id, key) => {
    expect(byId(id)?.concurrency).toEqual({ limit: 1, key });
    expect(byId(id)?.singleton).toBeUndefined();
  });
});
