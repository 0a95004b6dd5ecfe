// Conformance: a cancelOn / waitForEvent `match` on a field that both events
// lack matches nothing (it used to cancel and resume unrelated runs), and a
// sync with an expression that does not compile fails.
// Follows inngest/inngest pkg/expressions/unknown.go (unknown == unknown is false),
// pkg/execution/executor/executor.go (pause match needs the boolean true) and
// pkg/inngest/function.go Validate (expressions compile at sync).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExecutor } from "../../../../lib/local-runtime/executor";
import { SCHEMA } from "../../../../lib/local-runtime/executor/database";
import { freePort } from "../../../../lib/local-runtime/platform/wait-for-port";
import { databaseUrl, FAST, finishedRuns, resetExecutorTables, runsOf, startHarness, waitFor, type Harness } from "../harness";

describe("match on a field both events lack", () => {
  let h: Harness;

  beforeAll(async () => {
    await resetExecutorTables();
    h = await startHarness("match", (inngest) => [
      inngest.createFunction(
        { id: "cancellable", cancelOn: [{ event: "test/stop", match: "data.importId" }], triggers: [{ event: "test/start" }] },
        async ({ step }) => {
          await step.sleep("wait", "2s");
          return "finished";
        },
      ),
      inngest.createFunction({ id: "waiter", triggers: [{ event: "test/order" }] }, async ({ step }) => {
        const paid = await step.waitForEvent("paid", { event: "test/paid", match: "data.orderId", timeout: "2s" });
        return paid ? "resumed" : "timed out";
      }),
    ]);
  });
  afterAll(async () => h?.stop());

  /** Waits until `count` runs wait for `eventName`: the event sent next is matched against them, not missed. */
  async function waitingFor(eventName: string, count: number): Promise<void> {
    await waitFor(
      async () => {
        const { rows } = await h.db.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.waits WHERE kind = 'event' AND event_name = $1`, [
          eventName,
        ]);
        return rows[0].n === count;
      },
      { what: `${count} run(s) waiting for ${eventName}` },
    );
  }

  it("cancelOn does not cancel a run when neither event has the field", async () => {
    await h.inngest.send({ name: "test/start", data: { other: 1 } });
    await waitFor(async () => (await runsOf(h.db, "match-cancellable")).find((r) => r.status === "running"));
    await h.inngest.send({ name: "test/stop", data: { unrelated: true } });
    const [run] = await finishedRuns(h.db, "match-cancellable", 1, 15_000);
    expect(run.status).toBe("completed");
  });

  it("waitForEvent does not resume when neither event has the field, but does when both carry the same value", async () => {
    await h.inngest.send({ name: "test/order", data: { note: "no order id" } });
    await waitingFor("test/paid", 1);
    await h.inngest.send({ name: "test/paid", data: { note: "no order id either" } });
    const [first] = await finishedRuns(h.db, "match-waiter", 1, 15_000);
    expect(first.output).toBe("timed out");

    await h.inngest.send({ name: "test/order", data: { orderId: "o-7" } });
    await waitingFor("test/paid", 1);
    await h.inngest.send({ name: "test/paid", data: { orderId: "o-7" } });
    const runs = await finishedRuns(h.db, "match-waiter", 2, 15_000);
    expect(runs.map((r) => r.output).sort()).toEqual(["resumed", "timed out"]);
  });
});

describe("sync with an expression that does not compile", () => {
  it("fails, naming the function and the expression", async () => {
    await resetExecutorTables();
    const executorPort = await freePort();
    const quiet = { info() {}, warn() {}, error() {}, debug() {} };
    const inngest = new Inngest({ id: "badexpr", isDev: true, baseUrl: `http://127.0.0.1:${executorPort}`, logger: quiet });
    const fn = inngest.createFunction({ id: "filtered", triggers: [{ event: "test/x", if: "event.data.total >" }] }, async () => "ran");
    const handler = serve({ client: inngest, functions: [fn] });
    const app = http.createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", () => resolve()));
    const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;
    const executor = await startExecutor({
      ...FAST,
      databaseUrl: databaseUrl(),
      appServeUrl: appUrl,
      port: executorPort,
      syncRetryMs: 60_000,
    });
    try {
      await expect(executor.resync()).rejects.toThrow(/badexpr-filtered.*trigger expression on "test\/x" is invalid/);
    } finally {
      await executor.stop();
      app.closeAllConnections();
      await new Promise<void>((resolve) => app.close(() => resolve()));
    }
  });
});
