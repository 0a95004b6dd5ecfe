// Conformance: the events a run's end emits.
// Follows inngest/inngest pkg/execution/executor/finalize.go (finalizeEvents):
// inngest/function.finished for every end, plus inngest/function.failed or
// inngest/function.cancelled (their id is the run id), data { function_id,
// run_id, event, events, error | result, _inngest: { status } } with
// status "Completed" | "Failed" | "Cancelled"; a run triggered by a
// lifecycle event emits none (no recursion).
import { NonRetriableError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEMA } from "../../../../lib/local-runtime/executor/database";
import { finishedRuns, resetExecutorTables, runsOf, startHarness, waitFor, type Harness } from "../harness";

describe("lifecycle events", () => {
  let h: Harness;
  const lifecycle = async (name: string) => {
    const { rows } = await h.db.query(`SELECT id, payload FROM ${SCHEMA}.events WHERE name = $1 ORDER BY received_at`, [name]);
    return rows.map((r) => ({ id: r.id as string, ...(r.payload as { data: any }) }));
  };

  beforeAll(async () => {
    await resetExecutorTables();
    h = await startHarness("life", (inngest) => [
      inngest.createFunction({ id: "ok", triggers: [{ event: "test/ok" }] }, async () => ({ done: true })),
      inngest.createFunction({ id: "broken", retries: 0, triggers: [{ event: "test/broken" }] }, async () => {
        throw new NonRetriableError("no way");
      }),
      inngest.createFunction(
        { id: "stoppable", cancelOn: [{ event: "test/stop", match: "data.key" }], triggers: [{ event: "test/stoppable" }] },
        async ({ step }) => {
          await step.sleep("long", "30s");
        },
      ),
      inngest.createFunction(
        { id: "listener", triggers: [{ event: "inngest/function.finished" }] },
        async ({ event }) => event.data.function_id,
      ),
    ]);
  });
  afterAll(async () => h?.stop());

  it("a completed run emits inngest/function.finished with result, events and status Completed", async () => {
    const [sent] = (await h.inngest.send({ name: "test/ok", data: { n: 1 } })).ids;
    const [run] = await finishedRuns(h.db, "life-ok");
    const finished = await waitFor(async () => (await lifecycle("inngest/function.finished")).find((e) => e.data.run_id === run.id));
    expect(finished.data).toMatchObject({
      function_id: "life-ok",
      run_id: run.id,
      result: { done: true },
      event: { id: sent, name: "test/ok", data: { n: 1 } },
      events: [{ id: sent, name: "test/ok" }],
      _inngest: { status: "Completed" },
    });
    // The listener's own end emits nothing: lifecycle events never trigger more of themselves.
    await finishedRuns(h.db, "life-listener");
    expect((await lifecycle("inngest/function.finished")).filter((e) => e.data.function_id === "life-listener")).toHaveLength(0);
  });

  it("a failed run emits inngest/function.failed (id = run id) and .finished, both with error, events and status Failed", async () => {
    await h.inngest.send({ name: "test/broken", data: {} });
    const [run] = await finishedRuns(h.db, "life-broken");
    expect(run.status).toBe("failed");
    const failed = await waitFor(async () => (await lifecycle("inngest/function.failed")).find((e) => e.data.run_id === run.id));
    expect(failed.id).toBe(run.id);
    expect(failed.data).toMatchObject({
      function_id: "life-broken",
      error: { message: "no way" },
      events: [{ name: "test/broken" }],
      _inngest: { status: "Failed" },
    });
    const finished = (await lifecycle("inngest/function.finished")).find((e) => e.data.run_id === run.id);
    expect(finished?.data._inngest).toEqual({ status: "Failed" });
  });

  it("a cancelled run emits inngest/function.cancelled (id = run id) and .finished with status Cancelled", async () => {
    await h.inngest.send({ name: "test/stoppable", data: { key: "k1" } });
    await waitFor(async () => (await runsOf(h.db, "life-stoppable")).find((r) => r.status === "running"));
    await h.inngest.send({ name: "test/stop", data: { key: "k1" } });
    const [run] = await finishedRuns(h.db, "life-stoppable");
    expect(run.status).toBe("cancelled");
    const cancelled = await waitFor(async () => (await lifecycle("inngest/function.cancelled")).find((e) => e.data.run_id === run.id));
    expect(cancelled.id).toBe(run.id);
    expect(cancelled.data).toMatchObject({
      function_id: "life-stoppable",
      events: [{ name: "test/stoppable" }],
      _inngest: { status: "Cancelled" },
    });
    const finished = (await lifecycle("inngest/function.finished")).find((e) => e.data.run_id === run.id);
    expect(finished?.data._inngest).toEqual({ status: "Cancelled" });
  });
});
