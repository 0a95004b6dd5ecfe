// Conformance: admission formulas ported from the Inngest server.
// Each test names the Inngest source that defines the behaviour.
// Time scale 0.01: "1m" is 600 ms here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../../../lib/local-runtime/executor/execution-policy";
import { throttledStartMs } from "../../../../lib/local-runtime/executor/flow-control";
import type { RegisteredFunction } from "../../../../lib/local-runtime/executor/types";
import { eventsRouted, finishedRuns, resetExecutorTables, runsOf, startHarness, type Harness } from "../harness";

const SCALE = 0.01;

describe("conformance: flow control", () => {
  let h: Harness;
  const throttleStarts: number[] = [];

  beforeAll(async () => {
    await resetExecutorTables();
    h = await startHarness(
      "conf-flow",
      (inngest) => [
        inngest.createFunction(
          { id: "throttle", throttle: { limit: 3, period: "1m", burst: 2 }, triggers: [{ event: "conf/throttle" }] },
          async ({ step }) => {
            await step.run("start", () => throttleStarts.push(Date.now()));
          },
        ),
        inngest.createFunction(
          { id: "rate", rateLimit: { limit: 20, period: "1h" }, triggers: [{ event: "conf/rate" }] },
          async () => "ran",
        ),
        inngest.createFunction(
          { id: "idem-and-rate", idempotency: "event.data.key", rateLimit: { limit: 1, period: "1h" }, triggers: [{ event: "conf/idem" }] },
          async () => "ran",
        ),
      ],
      { timeScale: SCALE },
    );
  });
  afterAll(async () => h?.stop());

  it("throttle admits limit + burst at once, then one per period/limit (pkg/constraintapi/lua/acquire.lua, lua/helper/gcra.lua)", async () => {
    // acquire.lua: maxBurst = limit + burst - 1 → GCRA tolerance (maxBurst + 1) * period/limit.
    // The admission instants, exactly, for 8 requests arriving together:
    const fn = {
      id: "gcra-probe",
      appId: "x",
      name: "x",
      url: "http://x",
      config: { id: "gcra-probe", triggers: [], steps: {}, throttle: { limit: 3, period: "1m", burst: 2 } },
      policy: { ...DEFAULT_POLICY },
    } as RegisteredFunction;
    const now = 1_000_000;
    const admitted: number[] = [];
    for (let i = 0; i < 8; i++) admitted.push((await throttledStartMs(h.db, fn, { id: `e${i}`, name: "x", data: {}, ts: now }, now)) - now);
    expect(admitted).toEqual([0, 0, 0, 0, 0, 20_000, 40_000, 60_000]);
    // A request after a quiet full period is admitted at once again.
    expect((await throttledStartMs(h.db, fn, { id: "late", name: "x", data: {}, ts: 0 }, now + 200_000)) - (now + 200_000)).toBe(0);

    // And through the SDK: never more than limit + burst + floor(t / (period/limit)) started by time t.
    // Measured from before the send (the first admission is no earlier), so a slow first body
    // cannot make later ones look early.
    const sentAt = Date.now();
    await h.inngest.send(Array.from({ length: 8 }, (_, i) => ({ name: "conf/throttle", data: { i } })));
    await finishedRuns(h.db, "conf-flow-throttle", 8, 20_000);
    const starts = [...throttleStarts].sort((a, b) => a - b).map((t) => t - sentAt);
    const emission = (60_000 * SCALE) / 3; // 200 ms
    starts.forEach((t, k) => expect(t).toBeGreaterThanOrEqual((k - 4) * emission));
  });

  it("rateLimit lets floor(limit/10)+1 through at once and drops the rest (pkg/execution/ratelimit/ratelimit_lua.go)", async () => {
    // limit 20 → burst 2 → 3 runs out of 10 events sent together; the rest are skipped, not queued.
    await h.inngest.send(Array.from({ length: 10 }, (_, i) => ({ name: "conf/rate", data: { i } })));
    await eventsRouted(h.db);
    await finishedRuns(h.db, "conf-flow-rate", 3);
    expect(await runsOf(h.db, "conf-flow-rate")).toHaveLength(3);
  });

  it("idempotency replaces rateLimit with { limit: 1, period: 24h, key } (pkg/sdk/function.go)", async () => {
    // The function's own rateLimit (1 per hour) would let only one of a/b/c through; idempotency replaces it.
    await h.inngest.send([
      { name: "conf/idem", data: { key: "a" } },
      { name: "conf/idem", data: { key: "b" } },
      { name: "conf/idem", data: { key: "a" } },
      { name: "conf/idem", data: { key: "c" } },
    ]);
    await eventsRouted(h.db);
    const runs = await finishedRuns(h.db, "conf-flow-idem-and-rate", 3);
    expect(runs.map((r) => r.event.data.key).sort()).toEqual(["a", "b", "c"]);
    expect(await runsOf(h.db, "conf-flow-idem-and-rate")).toHaveLength(3);
  });
});
