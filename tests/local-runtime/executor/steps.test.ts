// Step features through the real SDK over HTTP: step.run memoization, parallel
// steps, sleep/sleepUntil, sendEvent, invoke, waitForEvent (match and timeout).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEMA } from "../../../lib/local-runtime/executor/database";
import { finishedRuns, resetExecutorTables, runsOf, startHarness, waitFor, type Harness } from "./harness";

describe("executor: steps", () => {
  let h: Harness;
  const calls: Record<string, number> = {};
  const count = (key: string) => (calls[key] = (calls[key] ?? 0) + 1);
  let parallelStarts: number[] = [];

  beforeAll(async () => {
    await resetExecutorTables();
    h = await startHarness("steps", (inngest) => {
      const child = inngest.createFunction({ id: "child", triggers: [{ event: "test/child.never" }] }, async ({ event, step }) => {
        const doubled = await step.run("double", () => Number(event.data.n) * 2);
        return { doubled };
      });
      return [
        child,
        inngest.createFunction({ id: "three-steps", triggers: [{ event: "test/three" }] }, async ({ event, step }) => {
          const a = await step.run("a", () => (count("a"), 1));
          const b = await step.run("b", () => (count("b"), a + 1));
          const c = await step.run("c", () => (count("c"), b + Number(event.data.add)));
          return { c };
        }),
        inngest.createFunction({ id: "parallel", triggers: [{ event: "test/parallel" }] }, async ({ step }) => {
          const work = (id: string) =>
            step.run(id, async () => {
              parallelStarts.push(Date.now());
              // A rendezvous: each step waits until all three are in flight, which only
              // parallel execution achieves (sequential calls would never get past p1).
              await waitFor(async () => parallelStarts.length >= 3, { what: "all three parallel steps in flight", timeoutMs: 10_000 });
              return id;
            });
          const results = await Promise.all([work("p1"), work("p2"), work("p3")]);
          const after = await step.run("after", () => results.join("+"));
          return after;
        }),
        inngest.createFunction({ id: "sleeper", triggers: [{ event: "test/sleep" }] }, async ({ step }) => {
          const before = await step.run("before", () => Date.now());
          await step.sleep("nap", "1s");
          await step.sleepUntil("until", new Date(before + 1_500));
          const after = await step.run("after", () => Date.now());
          return { sleptMs: after - before };
        }),
        inngest.createFunction({ id: "sender", triggers: [{ event: "test/send" }] }, async ({ step }) => {
          await step.sendEvent("fan-out", [
            { name: "test/three", data: { add: 1 } },
            { name: "test/three", data: { add: 2 } },
          ]);
          return "sent";
        }),
        inngest.createFunction({ id: "invoker", triggers: [{ event: "test/invoke" }] }, async ({ step }) => {
          const result = await step.invoke("call-child", { function: child, data: { n: 21 } });
          return result;
        }),
        inngest.createFunction({ id: "waiter", triggers: [{ event: "test/order.created" }] }, async ({ event, step }) => {
          const paid = await step.waitForEvent("wait-paid", { event: "test/order.paid", match: "data.orderId", timeout: "1s" });
          return { orderId: event.data.orderId, paid: paid ? paid.data.amount : null };
        }),
      ];
    });
  });
  afterAll(async () => h?.stop());

  it("runs steps in order, memoizes each, and returns the function's result", async () => {
    await h.inngest.send({ name: "test/three", data: { add: 10 } });
    const [run] = await finishedRuns(h.db, "steps-three-steps");
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ c: 12 });
    expect(calls).toMatchObject({ a: 1, b: 1, c: 1 });
    const timeline = await h.db.query(`SELECT name, status FROM ${SCHEMA}.steps WHERE run_id = $1 ORDER BY id`, [run.id]);
    expect(timeline.rows.map((r) => r.name)).toEqual(["a", "b", "c"]);
  });

  it("runs parallel steps at the same time and continues after all of them", async () => {
    parallelStarts = [];
    await h.inngest.send({ name: "test/parallel", data: {} });
    const [run] = await finishedRuns(h.db, "steps-parallel");
    expect(run.output).toBe("p1+p2+p3");
    // Each of p1, p2, p3 started once and none finished before all three were in flight.
    expect(parallelStarts).toHaveLength(3);
  });

  it("sleeps durably with step.sleep and step.sleepUntil", async () => {
    await h.inngest.send({ name: "test/sleep", data: {} });
    const [run] = await finishedRuns(h.db, "steps-sleeper");
    expect(run.status).toBe("completed");
    const { sleptMs } = run.output as { sleptMs: number };
    expect(sleptMs).toBeGreaterThanOrEqual(1_500);
    // The lower bound is the property; the upper one only catches a sleep that never wakes on its
    // own, and is wide because a loaded 2-core machine delays each of the four calls (5.2 s seen).
    expect(sleptMs).toBeLessThan(15_000);
  });

  it("sends events from a step, and they trigger functions", async () => {
    const before = (await runsOf(h.db, "steps-three-steps")).length;
    await h.inngest.send({ name: "test/send", data: {} });
    await finishedRuns(h.db, "steps-sender");
    const runs = await finishedRuns(h.db, "steps-three-steps", before + 2);
    const outputs = runs
      .slice(before)
      .map((r) => (r.output as { c: number }).c)
      .sort();
    expect(outputs).toEqual([3, 4]);
  });

  it("invokes another function and gets its result", async () => {
    await h.inngest.send({ name: "test/invoke", data: {} });
    const [run] = await finishedRuns(h.db, "steps-invoker");
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ doubled: 42 });
    const [child] = await runsOf(h.db, "steps-child");
    expect(child.event.name).toBe("inngest/function.invoked");
  });

  it("resumes waitForEvent with the matching event, ignoring others", async () => {
    await h.inngest.send({ name: "test/order.created", data: { orderId: "o-1" } });
    await waitFor(async () => (await h.db.query(`SELECT 1 FROM ${SCHEMA}.waits WHERE kind = 'event'`)).rowCount);
    await h.inngest.send({ name: "test/order.paid", data: { orderId: "other", amount: 1 } });
    await h.inngest.send({ name: "test/order.paid", data: { orderId: "o-1", amount: 99 } });
    const [run] = await finishedRuns(h.db, "steps-waiter");
    expect(run.output).toEqual({ orderId: "o-1", paid: 99 });
  });

  it("returns null from waitForEvent when the timeout passes", async () => {
    await h.inngest.send({ name: "test/order.created", data: { orderId: "o-2" } });
    const runs = await finishedRuns(h.db, "steps-waiter", 2);
    const run = runs.find((r) => r.event.data.orderId === "o-2")!;
    expect(run.output).toEqual({ orderId: "o-2", paid: null });
  });
});
