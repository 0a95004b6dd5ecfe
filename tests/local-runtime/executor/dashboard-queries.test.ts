// Cancellation (by event and from the dashboard), re-runs, and the read
// model behind the Runs page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelRun, getRun, listRuns, rerunRun } from "../../../lib/local-runtime/executor";
import { finishedRuns, resetExecutorTables, runsOf, startHarness, waitFor, type Harness } from "./harness";

describe("executor: cancellation, re-run, run queries", () => {
  let h: Harness;
  let afterSleep = 0;

  beforeAll(async () => {
    await resetExecutorTables();
    h = await startHarness("ops", (inngest) => [
      inngest.createFunction(
        {
          id: "cancellable",
          cancelOn: [{ event: "test/import.cancelled", match: "data.importId" }],
          triggers: [{ event: "test/import.started" }],
        },
        async ({ step }) => {
          await step.run("prepare", () => "prepared");
          await step.sleep("long-wait", "30s");
          await step.run("after-sleep", () => afterSleep++);
        },
      ),
      inngest.createFunction({ id: "echo", triggers: [{ event: "test/echo" }] }, async ({ event, step }) => {
        const upper = await step.run("upper", (text: string) => text.toUpperCase(), String(event.data.text));
        return upper;
      }),
    ]);
  });
  afterAll(async () => h?.stop());

  it("cancels a run when its cancelOn event matches, and leaves others alone", async () => {
    await h.inngest.send([
      { name: "test/import.started", data: { importId: "i-1" } },
      { name: "test/import.started", data: { importId: "i-2" } },
    ]);
    await waitFor(async () => (await runsOf(h.db, "ops-cancellable")).filter((r) => r.status === "running").length === 2);
    await h.inngest.send({ name: "test/import.cancelled", data: { importId: "i-1" } });
    const [cancelled] = await finishedRuns(h.db, "ops-cancellable", 1);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.event.data.importId).toBe("i-1");
    const other = (await runsOf(h.db, "ops-cancellable")).find((r) => r.event.data.importId === "i-2")!;
    expect(other.status).toBe("running");
  });

  it("cancels a run from the dashboard command", async () => {
    const other = (await runsOf(h.db, "ops-cancellable")).find((r) => r.event.data.importId === "i-2")!;
    expect(await cancelRun(other.id, h.db)).toEqual({ cancelled: true });
    expect(await cancelRun(other.id, h.db)).toEqual({ cancelled: false });
    expect(await cancelRun("no-such-run", h.db)).toBeNull();
    const detail = await getRun(other.id, h.db);
    expect(detail?.status).toBe("cancelled");
    expect(afterSleep).toBe(0);
  });

  it("lists runs with function, trigger, status, attempts and duration, newest first, paged", async () => {
    await h.inngest.send({ name: "test/echo", data: { text: "hello" } });
    await finishedRuns(h.db, "ops-echo");
    const page = await listRuns({ limit: 2 }, h.db);
    expect(page.runs).toHaveLength(2);
    expect(page.runs[0]).toMatchObject({ functionId: "ops-echo", trigger: "test/echo", status: "completed", attempts: 1 });
    expect(page.runs[0].durationMs).toBeGreaterThanOrEqual(0);
    expect(page.nextCursor).toBe(page.runs[1].id);
    const next = await listRuns({ limit: 2, cursor: page.nextCursor! }, h.db);
    expect(next.runs.map((r) => r.id)).not.toContain(page.runs[0].id);
    const onlyCancelled = await listRuns({ status: "cancelled" }, h.db);
    expect(onlyCancelled.runs.every((r) => r.status === "cancelled")).toBe(true);
    expect(onlyCancelled.runs).toHaveLength(2);
  });

  it("shows one run's step timeline with input and output", async () => {
    const [echo] = await runsOf(h.db, "ops-echo");
    const detail = await getRun(echo.id, h.db);
    expect(detail?.output).toBe("HELLO");
    expect(detail?.steps).toEqual([
      expect.objectContaining({ name: "upper", op: "StepRun", status: "completed", input: ["hello"], output: "HELLO", attempt: 0 }),
    ]);
    expect(await getRun("missing", h.db)).toBeNull();
  });

  it("re-runs a run as a new run with the same event", async () => {
    const [echo] = await runsOf(h.db, "ops-echo");
    const rerun = await rerunRun(echo.id, h.db);
    expect(rerun?.runId).toBeTruthy();
    const runs = await finishedRuns(h.db, "ops-echo", 2);
    const again = runs.find((r) => r.id === rerun!.runId)!;
    expect(again.output).toBe("HELLO");
    expect((await getRun(again.id, h.db))?.rerunOf).toBe(echo.id);
  });
});
