// Conformance: run limits and event-id de-duplication. The limits are lowered
// through the executor's `limits` option so they are cheap to reach; the
// defaults are Inngest's (checked at the end).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEMA } from "../../../../lib/local-runtime/executor/database";
import { INNGEST_LIMITS } from "../../../../lib/local-runtime/executor/execution-policy";
import { EVENT_DEDUPE_WINDOW_MS } from "../../../../lib/local-runtime/executor/event-store";
import { eventsRouted, finishedRuns, resetExecutorTables, runsOf, sleep, startHarness, type Harness } from "../harness";

// 24 h de-duplication window × 0.00001 = 864 ms.
const SCALE = 0.00001;

describe("conformance: limits and event de-duplication", () => {
  let h: Harness;

  beforeAll(async () => {
    await resetExecutorTables();
    h = await startHarness(
      "conf-limits",
      (inngest) => [
        inngest.createFunction({ id: "steps", triggers: [{ event: "conf/steps" }] }, async ({ step, event }) => {
          for (let i = 0; i < event.data.count; i++) await step.run(`s${i}`, () => i);
          return "done";
        }),
        inngest.createFunction({ id: "big-output", triggers: [{ event: "conf/big" }] }, async ({ step, event }) => {
          return step.run("big", () => "x".repeat(event.data.size));
        }),
        inngest.createFunction({ id: "big-state", triggers: [{ event: "conf/state" }] }, async ({ step }) => {
          for (let i = 0; i < 5; i++) await step.run(`part${i}`, () => "y".repeat(900));
          return "done";
        }),
        inngest.createFunction({ id: "dedupe", triggers: [{ event: "conf/dedupe" }] }, async () => "ran"),
      ],
      { timeScale: SCALE, limits: { maxSteps: 5, maxStepOutputBytes: 1_000, maxRunStateBytes: 3_000, maxEventBytes: 2_000 } },
    );
  });
  afterAll(async () => h?.stop());

  it("a run fails at the step limit (pkg/execution/executor/validate.go checkStepLimit, consts.DefaultMaxStepLimit)", async () => {
    await h.inngest.send([
      { name: "conf/steps", data: { count: 4 } },
      { name: "conf/steps", data: { count: 6 } },
    ]);
    const runs = await finishedRuns(h.db, "conf-limits-steps", 2);
    const byCount = Object.fromEntries(runs.map((r) => [r.event.data.count, r]));
    expect(byCount[4].status).toBe("completed");
    expect(byCount[6].status).toBe("failed");
    expect(byCount[6].error).toMatchObject({ name: "InngestErrFunctionOverflowed" });
  });

  it("a step output over the limit fails the run (pkg/execution/state/opcode.go, consts.MaxStepOutputSize)", async () => {
    await h.inngest.send([
      { name: "conf/big", data: { size: 500 } },
      { name: "conf/big", data: { size: 1_500 } },
    ]);
    const runs = await finishedRuns(h.db, "conf-limits-big-output", 2);
    const bySize = Object.fromEntries(runs.map((r) => [r.event.data.size, r]));
    expect(bySize[500].status).toBe("completed");
    expect(bySize[1500].status).toBe("failed");
    expect(bySize[1500].error).toMatchObject({ name: "InngestErrStepOutputTooLarge" });
  });

  it("a run whose state outgrows the limit fails (pkg/execution/executor/executor.go validateStateSize, consts.DefaultMaxStateSizeLimit)", async () => {
    await h.inngest.send({ name: "conf/state", data: {} });
    const [run] = await finishedRuns(h.db, "conf-limits-big-state");
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ name: "InngestErrStateOverflowed" });
  });

  it("an event over the size limit is refused (pkg/consts/consts.go AbsoluteMaxEventSize)", async () => {
    const response = await fetch(`http://127.0.0.1:${h.executorPort}/e/any`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "conf/dedupe", data: { blob: "z".repeat(3_000) } }),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatch(/event limit/);
  });

  it("an event id is de-duplicated for 24 h, and the duplicate is still stored (Inngest event id de-duplication)", async () => {
    await h.inngest.send({ id: "dup-1", name: "conf/dedupe", data: { n: 1 } });
    await h.inngest.send({ id: "dup-1", name: "conf/dedupe", data: { n: 2 } });
    await eventsRouted(h.db);
    await finishedRuns(h.db, "conf-limits-dedupe", 1);
    expect(await runsOf(h.db, "conf-limits-dedupe")).toHaveLength(1);
    const archived = await h.db.query(`SELECT payload FROM ${SCHEMA}.event_archive WHERE id = 'dup-1'`);
    expect(archived.rows.map((r) => r.payload.data.n)).toEqual([2]);
    // After the (scaled) window the same id is a new event.
    await sleep(EVENT_DEDUPE_WINDOW_MS * SCALE + 100);
    await h.inngest.send({ id: "dup-1", name: "conf/dedupe", data: { n: 3 } });
    await eventsRouted(h.db);
    const runs = await finishedRuns(h.db, "conf-limits-dedupe", 2);
    expect(runs.map((r) => r.event.data.n).sort()).toEqual([1, 3]);
  });

  it("defaults are Inngest's: 1,000 steps, 4 MiB step output, 32 MiB state, 3 MiB event (pkg/consts/consts.go)", () => {
    expect(INNGEST_LIMITS).toEqual({
      maxSteps: 1_000,
      maxStepOutputBytes: 4 * 2 ** 20,
      maxRunStateBytes: 32 * 2 ** 20,
      maxEventBytes: 3 * 2 ** 20,
    });
  });
});
