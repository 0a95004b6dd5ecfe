// Flow control through the real SDK: concurrency (limit and key), throttle,
// rateLimit, function idempotency keys and event-id de-duplication.
// The exact Inngest formulas are held by conformance/; these are the smoke tests.
// Periods run at the harness's time scale (0.001): "1m" is 60 ms, "1h" 3.6 s.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEMA } from "../../../lib/local-runtime/executor/database";
import { eventsRouted, finishedRuns, resetExecutorTables, runsOf, sleep, startHarness, type Harness } from "./harness";

describe("executor: flow control", () => {
  let h: Harness;
  let active = 0;
  let maxActive = 0;
  const activeByAccount: Record<string, number> = {};
  const maxByAccount: Record<string, number> = {};
  let keyedOverlap = 0;
  let keyedActive = 0;
  const throttledStarts: number[] = [];
  let idempotentRuns = 0;

  beforeAll(async () => {
    await resetExecutorTables();
    h = await startHarness("flow", (inngest) => [
      inngest.createFunction({ id: "limited", concurrency: { limit: 2 }, triggers: [{ event: "test/limited" }] }, async ({ step }) => {
        await step.run("work", async () => {
          active++;
          maxActive = Math.max(maxActive, active);
          await sleep(150);
          active--;
        });
      }),
      inngest.createFunction(
        { id: "per-account", concurrency: { limit: 1, key: "event.data.account" }, triggers: [{ event: "test/per-account" }] },
        async ({ event, step }) => {
          await step.run("work", async () => {
            const account = String(event.data.account);
            activeByAccount[account] = (activeByAccount[account] ?? 0) + 1;
            maxByAccount[account] = Math.max(maxByAccount[account] ?? 0, activeByAccount[account]);
            keyedActive++;
            keyedOverlap = Math.max(keyedOverlap, keyedActive);
            await sleep(150);
            keyedActive--;
            activeByAccount[account]--;
          });
        },
      ),
      inngest.createFunction(
        { id: "throttled", throttle: { limit: 1, period: "1m" }, triggers: [{ event: "test/throttled" }] },
        async ({ step }) => {
          await step.run("start", () => throttledStarts.push(Date.now()));
        },
      ),
      inngest.createFunction(
        { id: "rate-limited", rateLimit: { limit: 1, period: "1h" }, triggers: [{ event: "test/rate-limited" }] },
        async () => "ran",
      ),
      inngest.createFunction(
        { id: "idempotent", idempotency: "event.data.orderId", triggers: [{ event: "test/idempotent" }] },
        async ({ step }) => {
          await step.run("charge", () => idempotentRuns++);
        },
      ),
      inngest.createFunction({ id: "dedupe", triggers: [{ event: "test/dedupe" }] }, async () => "ran"),
    ]);
  });
  afterAll(async () => h?.stop());

  it("never runs more steps at once than the concurrency limit", async () => {
    await h.inngest.send(Array.from({ length: 6 }, (_, i) => ({ name: "test/limited", data: { i } })));
    const runs = await finishedRuns(h.db, "flow-limited", 6, 20_000);
    expect(runs.every((r) => r.status === "completed")).toBe(true);
    expect(maxActive).toBe(2);
  });

  it("applies a keyed concurrency limit per key", async () => {
    await h.inngest.send(Array.from({ length: 6 }, (_, i) => ({ name: "test/per-account", data: { account: i % 2 === 0 ? "a" : "b" } })));
    await finishedRuns(h.db, "flow-per-account", 6, 20_000);
    expect(maxByAccount).toEqual({ a: 1, b: 1 });
    expect(keyedOverlap).toBe(2); // the two accounts did run side by side
  });

  it("spaces throttled runs by period / limit (limit 1, burst 0: one at once, then one per period)", async () => {
    // Measured from before the send: a run's body starts at or after its admission, which is at
    // least k periods after the first admission, itself no earlier than the send. Gaps between two
    // bodies would also count the first body's own start-up delay (flaky on a loaded machine).
    const sentAt = Date.now();
    await h.inngest.send(Array.from({ length: 3 }, (_, i) => ({ name: "test/throttled", data: { i } })));
    await finishedRuns(h.db, "flow-throttled", 3, 20_000);
    const sorted = [...throttledStarts].sort((a, b) => a - b).map((t) => t - sentAt);
    // "1m" at time scale 0.001 = 60 ms apart (was 1 s apart with period "1s" unscaled).
    expect(sorted[1]).toBeGreaterThanOrEqual(60);
    expect(sorted[2]).toBeGreaterThanOrEqual(120);
  });

  it("drops events over the rate limit", async () => {
    await h.inngest.send(Array.from({ length: 3 }, (_, i) => ({ name: "test/rate-limited", data: { i } })));
    await eventsRouted(h.db);
    await finishedRuns(h.db, "flow-rate-limited", 1);
    expect(await runsOf(h.db, "flow-rate-limited")).toHaveLength(1);
  });

  it("runs an idempotency key once", async () => {
    await h.inngest.send({ name: "test/idempotent", data: { orderId: "o-1" } });
    await h.inngest.send({ name: "test/idempotent", data: { orderId: "o-1" } });
    await h.inngest.send({ name: "test/idempotent", data: { orderId: "o-2" } });
    await eventsRouted(h.db);
    await finishedRuns(h.db, "flow-idempotent", 2);
    expect(await runsOf(h.db, "flow-idempotent")).toHaveLength(2);
    expect(idempotentRuns).toBe(2);
  });

  it("routes an event sent twice with the same id once, runs it once, and still stores the duplicate", async () => {
    const first = await h.inngest.send({ id: "evt-dedupe-1", name: "test/dedupe", data: {} });
    const second = await h.inngest.send({ id: "evt-dedupe-1", name: "test/dedupe", data: {} });
    expect(second.ids).toEqual(first.ids);
    await eventsRouted(h.db);
    await finishedRuns(h.db, "flow-dedupe", 1);
    expect(await runsOf(h.db, "flow-dedupe")).toHaveLength(1);
    const events = await h.db.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.events WHERE id = 'evt-dedupe-1'`);
    expect(events.rows[0].n).toBe(1);
    // Inngest stores the duplicate too (it just triggers nothing); it used to be lost here.
    const duplicates = await h.db.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.event_archive WHERE id = 'evt-dedupe-1'`);
    expect(duplicates.rows[0].n).toBe(1);
  });
});
