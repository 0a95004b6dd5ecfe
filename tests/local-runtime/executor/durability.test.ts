// Durability: stop the executor mid-run (gracefully, or like a crash with the
// leases left to expire), start a new one on the same database, and check
// every run finishes, no completed step runs twice, and no event is lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEMA } from "../../../lib/local-runtime/executor/database";
import { eventsRouted, finishedRuns, resetExecutorTables, sleep, startHarness, waitFor, type Harness } from "./harness";

describe("executor: durability", () => {
  let h: Harness;
  const executions: Record<string, number> = {};
  const count = (key: string) => (executions[key] = (executions[key] ?? 0) + 1);
  let slowStepStarted = false;

  beforeAll(async () => {
    await resetExecutorTables();
    h = await startHarness(
      "durable",
      (inngest) => [
        inngest.createFunction({ id: "slow-middle", triggers: [{ event: "test/slow-middle" }] }, async ({ event, step }) => {
          const tag = String(event.data.tag);
          await step.run("first", () => count(`${tag}:first`));
          await step.run("slow", async () => {
            count(`${tag}:slow`);
            slowStepStarted = true;
            await sleep(600);
            return "slow done";
          });
          await step.run("last", () => count(`${tag}:last`));
          return "finished";
        }),
        inngest.createFunction({ id: "sleeps-between", triggers: [{ event: "test/sleeps-between" }] }, async ({ step }) => {
          await step.run("before", () => count("before"));
          await step.sleep("pause", "1s");
          await step.run("after", () => count("after"));
          return "finished";
        }),
        inngest.createFunction({ id: "counted", triggers: [{ event: "test/counted" }] }, async ({ event }) => event.data.n),
      ],
      // A short lease so the crash case recovers quickly.
      { leaseMs: 1_000 },
    );
  });
  afterAll(async () => h?.stop());

  it("a graceful stop during a step hands the run over; completed steps do not re-run", async () => {
    slowStepStarted = false;
    await h.inngest.send({ name: "test/slow-middle", data: { tag: "graceful" } });
    await waitFor(async () => slowStepStarted, { what: "the slow step to start" });
    await h.restartExecutor({ graceful: true });
    const [run] = await finishedRuns(h.db, "durable-slow-middle");
    expect(run.status).toBe("completed");
    expect(executions["graceful:first"]).toBe(1);
    expect(executions["graceful:last"]).toBe(1);
    // The interrupted step had not completed, so it runs again (at-least-once).
    expect(executions["graceful:slow"]).toBe(2);
  });

  it("a crash (leases left behind) is recovered by the next executor once the lease expires", async () => {
    slowStepStarted = false;
    await h.inngest.send({ name: "test/slow-middle", data: { tag: "crash" } });
    await waitFor(async () => slowStepStarted, { what: "the slow step to start" });
    await h.restartExecutor({ graceful: false });
    const runs = await finishedRuns(h.db, "durable-slow-middle", 2);
    const run = runs.find((r) => r.event.data.tag === "crash")!;
    expect(run.status).toBe("completed");
    expect(executions["crash:first"]).toBe(1);
    expect(executions["crash:last"]).toBe(1);
  });

  it("a run stopped between steps (during a sleep) resumes after the sleep", async () => {
    await h.inngest.send({ name: "test/sleeps-between", data: {} });
    // Wait until the executor has recorded the first step and planned the sleep.
    await waitFor(async () => (await h.db.query(`SELECT 1 FROM ${SCHEMA}.steps WHERE name = 'pause' AND status = 'sleeping'`)).rowCount, {
      what: "the sleep to be planned",
    });
    await h.restartExecutor({ graceful: false });
    const [run] = await finishedRuns(h.db, "durable-sleeps-between");
    expect(run.status).toBe("completed");
    expect(executions).toMatchObject({ before: 1, after: 1 });
  });

  it("loses no event accepted just before a stop", async () => {
    const sent = Array.from({ length: 20 }, (_, n) => ({ name: "test/counted", data: { n } }));
    await h.inngest.send(sent);
    await h.restartExecutor({ graceful: false });
    const runs = await finishedRuns(h.db, "durable-counted", 20);
    expect(runs.map((r) => r.output).sort((a, b) => Number(a) - Number(b))).toEqual(sent.map((e) => e.data.n));
    // No duplicate run can appear once no event is left to route (runs are only created by routing an event).
    await eventsRouted(h.db);
    const { rows } = await h.db.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.runs WHERE function_id = 'durable-counted'`);
    expect(rows[0].n).toBe(20);
  });
});
