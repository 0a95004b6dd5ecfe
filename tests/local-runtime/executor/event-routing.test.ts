// Routing a burst of events (issue 10 item 4): the due events are routed
// together, in one transaction, in the order they arrived, with the same
// outcome as one by one; an event that cannot be routed holds up no other and
// is routed when it can be.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SCHEMA } from "../../../lib/local-runtime/executor/database";
import { eventsRouted, finishedRuns, resetExecutorTables, runsOf, startHarness, waitFor, type Harness, type RunRowView } from "./harness";

describe("executor: routing a burst of events", () => {
  let h: Harness;

  beforeAll(async () => {
    await resetExecutorTables();
    h = await startHarness("routing", (inngest) => [
      inngest.createFunction({ id: "count", triggers: [{ event: "test/burst" }] }, async ({ event }) => ({ n: event.data.n })),
      inngest.createFunction({ id: "waiter", triggers: [{ event: "test/order.created" }] }, async ({ event, step }) => {
        const paid = await step.waitForEvent("wait-paid", { event: "test/order.paid", match: "data.orderId", timeout: "1m" });
        return { orderId: event.data.orderId, amount: paid ? paid.data.amount : null };
      }),
      inngest.createFunction({ id: "one-at-a-time", concurrency: 1, triggers: [{ event: "test/queue" }] }, async ({ event }) => ({
        n: event.data.n,
      })),
      inngest.createFunction(
        { id: "job", triggers: [{ event: "test/job.start" }], cancelOn: [{ event: "test/job.stop", match: "data.id" }] },
        async ({ step }) => {
          await step.sleep("work", "10h");
          return "done";
        },
      ),
      inngest.createFunction({ id: "single", triggers: [{ event: "test/single" }], singleton: { mode: "skip" } }, async ({ step }) => {
        await step.sleep("hold", "10h");
      }),
    ]);
  });
  afterAll(async () => {
    await h?.db.query(`DROP FUNCTION IF EXISTS ${SCHEMA}.refuse_poison() CASCADE`);
    await h?.stop();
  });
  beforeEach(async () => {
    await h.db.query(`DROP FUNCTION IF EXISTS ${SCHEMA}.refuse_poison() CASCADE`);
  });

  it("starts one run per event of a burst, routing them in a few transactions instead of one each", async () => {
    const ids = await h.inngest.send(Array.from({ length: 60 }, (_, n) => ({ name: "test/burst", data: { n } })));
    expect(ids.ids).toHaveLength(60);
    const runs = await finishedRuns(h.db, "routing-count", 60);
    expect(runs.map((run) => (run.output as { n: number }).n).sort((a: number, b: number) => a - b)).toEqual(
      Array.from({ length: 60 }, (_, n) => n),
    );
    expect(new Set(runs.map((run) => run.event.id)).size).toBe(60);
    // A run's created_at is its routing transaction's start: one transaction per event gave 60 distinct values.
    const { rows } = await h.db.query(
      `SELECT count(DISTINCT created_at)::int AS n FROM ${SCHEMA}.runs WHERE function_id = 'routing-count'`,
    );
    expect(rows[0].n).toBeLessThanOrEqual(5);
  });

  it("queues the runs of a burst in the order their events arrived", async () => {
    await h.inngest.send(Array.from({ length: 20 }, (_, n) => ({ name: "test/queue", data: { n } })));
    const runs = (await finishedRuns(h.db, "routing-one-at-a-time", 20)) as (RunRowView & { ended_at: Date })[];
    // One at a time, oldest call first: they finish in the order the events were sent.
    const byEnd = [...runs].sort((a, b) => a.ended_at.getTime() - b.ended_at.getTime() || a.id.localeCompare(b.id));
    expect(byEnd.map((run) => (run.output as { n: number }).n)).toEqual(Array.from({ length: 20 }, (_, n) => n));
  });

  it("cancels a run an earlier event of the same burst started, and not one a later event starts", async () => {
    await h.inngest.send([
      { name: "test/job.start", data: { id: "a" } },
      { name: "test/job.start", data: { id: "b" } },
      { name: "test/job.stop", data: { id: "a" } },
      { name: "test/job.stop", data: { id: "c" } },
      { name: "test/job.start", data: { id: "c" } },
    ]);
    await eventsRouted(h.db);
    const status = Object.fromEntries((await runsOf(h.db, "routing-job")).map((run) => [run.event.data.id, run.status]));
    expect(status.a).toBe("cancelled");
    expect(status.b).not.toBe("cancelled");
    expect(status.c).not.toBe("cancelled");
  });

  it("starts one run of a singleton for a burst of its events", async () => {
    await h.inngest.send(Array.from({ length: 5 }, (_, n) => ({ name: "test/single", data: { n } })));
    await eventsRouted(h.db);
    const runs = await runsOf(h.db, "routing-single");
    expect(runs.map((run) => run.event.data.n)).toEqual([0]);
  });

  it("resumes each waiting run with the first matching event of a burst, as routing them in arrival order would", async () => {
    await h.inngest.send(["o-1", "o-2", "o-3"].map((orderId) => ({ name: "test/order.created", data: { orderId } })));
    await waitFor(async () => (await h.db.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.waits WHERE kind = 'event'`)).rows[0].n === 3, {
      what: "three waiting runs",
    });
    await h.inngest.send([
      { name: "test/order.paid", data: { orderId: "o-1", amount: 1 } },
      ...Array.from({ length: 20 }, (_, n) => ({ name: "test/burst", data: { n: 100 + n } })),
      { name: "test/order.paid", data: { orderId: "o-1", amount: 2 } },
      { name: "test/order.paid", data: { orderId: "o-2", amount: 3 } },
      { name: "test/order.paid", data: { orderId: "o-3", amount: 4 } },
      { name: "test/order.paid", data: { orderId: "o-3", amount: 5 } },
    ]);
    const runs = await finishedRuns(h.db, "routing-waiter", 3);
    expect(
      Object.fromEntries(
        runs.map((run) => {
          const output = run.output as { orderId: string; amount: number | null };
          return [output.orderId, output.amount];
        }),
      ),
    ).toEqual({ "o-1": 1, "o-2": 3, "o-3": 4 });
  });

  it("routes the rest of a burst when one event cannot be routed, and that one once it can", async () => {
    // The database refuses a run for the poisoned event, as it would a broken row.
    await h.db.query(`
      CREATE FUNCTION ${SCHEMA}.refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.event->'data'->>'poison' = 'yes' THEN RAISE EXCEPTION 'poisoned event'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT ON ${SCHEMA}.runs FOR EACH ROW EXECUTE FUNCTION ${SCHEMA}.refuse_poison();
    `);
    const before = (await runsOf(h.db, "routing-count")).length;
    await h.inngest.send(
      Array.from({ length: 30 }, (_, n) => ({ name: "test/burst", data: { n: 200 + n, poison: n === 7 ? "yes" : "no" } })),
    );
    await finishedRuns(h.db, "routing-count", before + 29);
    // (Finished runs queue lifecycle events of their own: only this burst's are counted.)
    const queued = await h.db.query(
      `SELECT e.payload->'data'->>'n' AS n FROM ${SCHEMA}.jobs j JOIN ${SCHEMA}.events e ON e.id = j.event_id WHERE j.kind = 'event' AND e.name = 'test/burst'`,
    );
    expect(queued.rows).toEqual([{ n: "207" }]);
    expect((await runsOf(h.db, "routing-count")).some((run) => run.event.data.n === 207)).toBe(false);

    await h.db.query(`DROP FUNCTION ${SCHEMA}.refuse_poison() CASCADE`);
    await eventsRouted(h.db);
    const runs = await finishedRuns(h.db, "routing-count", before + 30);
    expect(runs.filter((run) => run.event.data.n === 207)).toHaveLength(1);
  });
});
