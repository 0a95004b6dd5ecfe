// Conformance: singleton runs and the order steps run in under a concurrency limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventsRouted, finishedRuns, resetExecutorTables, runsOf, startHarness, waitFor, type Harness } from "../harness";

describe("conformance: singleton and step order", () => {
  let h: Harness;
  const order: string[] = [];
  let release: (() => void) | undefined;
  const gate = () => new Promise<void>((resolve) => (release = resolve));
  let started = 0;

  beforeAll(async () => {
    await resetExecutorTables();
    h = await startHarness("conf-single", (inngest) => [
      inngest.createFunction(
        { id: "skip", singleton: { key: "event.data.sync", mode: "skip" }, triggers: [{ event: "conf/skip" }] },
        async ({ step }) => {
          await step.run("work", async () => {
            started++;
            await gate();
          });
        },
      ),
      inngest.createFunction(
        { id: "cancel", singleton: { key: "event.data.sync", mode: "cancel" }, triggers: [{ event: "conf/cancel" }] },
        async ({ step, event }) => {
          await step.sleep("hold", "2s");
          return event.data.n;
        },
      ),
      inngest.createFunction(
        { id: "ordered", concurrency: { limit: 1 }, triggers: [{ event: "conf/ordered" }] },
        async ({ step, event }) => {
          for (const n of [1, 2, 3]) {
            await step.run(`s${n}`, async () => {
              order.push(`${event.data.run}${n}`);
              // A's steps hold until B and C are queued, so the order below is the queue's choice, not timing's.
              await waitFor(async () => (await runsOf(h.db, "conf-single-ordered")).length === 3, { what: "runs B and C queued" });
            });
          }
        },
      ),
    ]);
  });
  afterAll(async () => h?.stop());

  it("singleton mode skip drops a second run of the same key while one is unfinished (pkg/execution/singleton/singleton.go)", async () => {
    await h.inngest.send({ name: "conf/skip", data: { sync: "haier" } });
    await waitFor(async () => started === 1, { what: "first run started" });
    await h.inngest.send([
      { name: "conf/skip", data: { sync: "haier" } }, // same key: skipped
      { name: "conf/skip", data: { sync: "temu" } }, // another key: runs
    ]);
    await eventsRouted(h.db);
    const runs = await runsOf(h.db, "conf-single-skip");
    expect(runs.map((r) => r.event.data.sync).sort()).toEqual(["haier", "temu"]);
    release?.();
    await waitFor(async () => started === 2, { what: "temu run started" });
    release?.();
    await finishedRuns(h.db, "conf-single-skip", 2);
    // Once the first finished, the key is free again.
    await h.inngest.send({ name: "conf/skip", data: { sync: "haier" } });
    await waitFor(async () => started === 3, { what: "a later haier run" });
    release?.();
    await finishedRuns(h.db, "conf-single-skip", 3);
  });

  it("singleton mode cancel cancels the unfinished run and starts the new one (pkg/execution/singleton/singleton.go)", async () => {
    await h.inngest.send({ name: "conf/cancel", data: { sync: "haier", n: 1 } });
    await waitFor(async () => (await runsOf(h.db, "conf-single-cancel")).some((r) => r.status === "running"), {
      what: "first run sleeping",
    });
    await h.inngest.send({ name: "conf/cancel", data: { sync: "haier", n: 2 } });
    const runs = await finishedRuns(h.db, "conf-single-cancel", 2, 20_000);
    const byN = Object.fromEntries(runs.map((r) => [r.event.data.n, r]));
    expect(byN[1].status).toBe("cancelled");
    expect(byN[2].status).toBe("completed");
    expect(byN[2].output).toBe(2);
  });

  it("under a concurrency limit the oldest run's next step goes first (pkg/execution/queue/item.go QueueItem.Score)", async () => {
    // Created strictly in order A, B, C (each run exists before the next event is sent).
    for (const [i, run] of ["A", "B", "C"].entries()) {
      await h.inngest.send({ name: "conf/ordered", data: { run } });
      await waitFor(async () => (await runsOf(h.db, "conf-single-ordered")).length === i + 1, { what: `run ${run}` });
    }
    await finishedRuns(h.db, "conf-single-ordered", 3, 20_000);
    // Interleaving (A1 B1 C1 A2 …) was the old behaviour; Inngest scores a run's steps by the run's start.
    expect(order).toEqual(["A1", "A2", "A3", "B1", "B2", "B3", "C1", "C2", "C3"]);
  });
});
