// Cron triggers fire through the scheduler, and a signing key makes the
// executor sign its calls the way a production (cloud-mode) SDK verifies them.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExecutor } from "../../../lib/local-runtime/executor";
import { createPool, SCHEMA } from "../../../lib/local-runtime/executor/database";
import { freePort } from "../../../lib/local-runtime/platform/wait-for-port";
import { databaseUrl, FAST, finishedRuns, resetExecutorTables, startHarness, type Harness } from "./harness";

describe("executor: cron triggers", () => {
  let h: Harness;
  beforeAll(async () => {
    await resetExecutorTables();
    h = await startHarness("cron", (inngest) => [
      inngest.createFunction({ id: "nightly", triggers: [{ cron: "TZ=Europe/Paris 0 3 * * *" }] }, async ({ event }) => ({
        name: event.name,
        cron: event.data.cron,
      })),
    ]);
  });
  afterAll(async () => h?.stop());

  it("schedules the next tick on sync and fires it exactly once when due", async () => {
    const { rows } = await h.db.query(`SELECT next_at FROM ${SCHEMA}.crons WHERE function_id = 'cron-nightly'`);
    expect(rows).toHaveLength(1);
    expect(new Date(rows[0].next_at).getTime()).toBeGreaterThan(Date.now());
    // Pretend the tick is due now instead of waiting for 3 am.
    await h.db.query(`UPDATE ${SCHEMA}.crons SET next_at = now() - interval '1 second'`);
    const [run] = await finishedRuns(h.db, "cron-nightly");
    expect(run.output).toEqual({ name: "inngest/scheduled.timer", cron: "TZ=Europe/Paris 0 3 * * *" });
    const after = await h.db.query(`SELECT next_at FROM ${SCHEMA}.crons WHERE function_id = 'cron-nightly'`);
    expect(new Date(after.rows[0].next_at).getTime()).toBeGreaterThan(Date.now());
    // "Exactly once": a bounded wait over at least one more pass of the cron loop (every 1 s). Not
    // flaky on a slow machine: a late pass can only fire nothing, next_at being hours away.
    await new Promise((r) => setTimeout(r, 1_500));
    const { rows: runs } = await h.db.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.runs WHERE function_id = 'cron-nightly'`);
    expect(runs[0].n).toBe(1);
  });
});

describe("executor: signed calls to a cloud-mode app", () => {
  it("signs sync and function calls with INNGEST_SIGNING_KEY so the SDK accepts them", async () => {
    const signingKey = "signkey-test-0123456789abcdef0123456789abcdef";
    const executorPort = await freePort();
    const inngest = new Inngest({
      id: "signed",
      isDev: false,
      signingKey,
      eventKey: "local-event-key",
      baseUrl: `http://127.0.0.1:${executorPort}`,
      logger: { info() {}, warn() {}, error() {}, debug() {} },
    });
    const fn = inngest.createFunction({ id: "hello", triggers: [{ event: "test/hello" }] }, async ({ step }) =>
      step.run("greet", () => "hi"),
    );
    const handler = serve({ client: inngest, functions: [fn] });
    const app = http.createServer((req, res) => handler(req, res));
    await new Promise<void>((r) => app.listen(0, "127.0.0.1", () => r()));
    const appServeUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;
    const executor = await startExecutor({
      ...FAST,
      databaseUrl: databaseUrl(),
      appServeUrl,
      port: executorPort,
      signingKey,
      eventKey: "local-event-key",
    });
    const db = createPool(databaseUrl(), 1);
    try {
      expect(await executor.resync()).toEqual({ functionCount: 1 });
      await inngest.send({ name: "test/hello", data: {} });
      const [run] = await finishedRuns(db, "signed-hello");
      expect(run).toMatchObject({ status: "completed", output: "hi" });
    } finally {
      await executor.stop();
      await db.end();
      app.closeAllConnections();
      await new Promise<void>((r) => app.close(() => r()));
    }
  });
});
