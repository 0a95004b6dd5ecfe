// Conformance: one execution protocol on both engines.
// - The project's client turns SDK checkpointing off (inngest/client.ts), so even
//   when Inngest sends ctx.fn_id the SDK answers with plain step ops instead of
//   POSTing results to /v1/checkpoint/{runId}/async (node_modules/inngest
//   components/InngestFunction.js shouldAsyncCheckpoint).
// - After a call reports parallel steps, later calls carry
//   ctx.disable_immediate_execution = true until the run is back to one step at
//   a time: SDK spec §5.5 (docs/SDK_SPEC.md) and inngest/inngest
//   pkg/execution/executor/executor.go HandleGeneratorResponse + force_step_plan.go.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inngest as projectClient } from "../../../../inngest/client";
import { startExecutor, type RunningExecutor } from "../../../../lib/local-runtime/executor";
import { freePort } from "../../../../lib/local-runtime/platform/wait-for-port";
import { databaseUrl, FAST, finishedRuns, resetExecutorTables } from "../harness";
import { createPool } from "../../../../lib/local-runtime/executor/database";

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

async function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function close(server: http.Server) {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe("checkpointing is off on the project's client", () => {
  it("answers a call that carries ctx.fn_id with plain step ops, never calling /v1/checkpoint", async () => {
    const projectCheckpointing = (projectClient as unknown as { options: { checkpointing?: false } }).options.checkpointing;
    expect(projectCheckpointing).toBe(false);
    const seen: string[] = [];
    const fakeInngest = await listen((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    const client = new Inngest({ id: "cp", isDev: true, baseUrl: fakeInngest.url, logger: quiet, checkpointing: projectCheckpointing });
    const fn = client.createFunction({ id: "two-steps", triggers: [{ event: "test/cp" }] }, async ({ step }) => {
      const a = await step.run("a", () => 1);
      return step.run("b", () => a + 1);
    });
    const handler = serve({ client, functions: [fn] });
    const app = await listen((req, res) => handler(req, res));
    try {
      const body = {
        event: { name: "test/cp", data: {}, id: "e1", ts: Date.now() },
        events: [{ name: "test/cp", data: {}, id: "e1", ts: Date.now() }],
        steps: {},
        ctx: {
          run_id: "01JRUN00000000000000000000",
          fn_id: "00000000-0000-4000-8000-000000000001",
          attempt: 0,
          max_attempts: 4,
          disable_immediate_execution: false,
          use_api: false,
          stack: { stack: [], current: 0 },
        },
        version: 2,
      };
      const response = await fetch(`${app.url}/api/inngest?fnId=cp-two-steps&stepId=step`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-inngest-server-kind": "dev" },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(206);
      const ops = (await response.json()) as Array<{ op: string; displayName?: string }>;
      expect(ops).toHaveLength(1);
      expect(ops[0]).toMatchObject({ op: "StepRun", displayName: "a" });
      expect(seen.filter((s) => s.includes("/checkpoint"))).toEqual([]);
    } finally {
      await close(app.server);
      await close(fakeInngest.server);
    }
  });
});

describe("disable_immediate_execution after parallel steps", () => {
  let executor: RunningExecutor;
  let app: { server: http.Server; url: string };
  const calls: Array<{ stepId: string; die: boolean }> = [];

  beforeAll(async () => {
    await resetExecutorTables();
    const executorPort = await freePort();
    const client = new Inngest({
      id: "die",
      isDev: true,
      baseUrl: `http://127.0.0.1:${executorPort}`,
      logger: quiet,
      checkpointing: false,
    });
    const fn = client.createFunction({ id: "fan", triggers: [{ event: "test/fan" }] }, async ({ step }) => {
      const before = await step.run("before", () => 0);
      const [x, y] = await Promise.all([step.run("x", () => 1), step.run("y", () => 2)]);
      return step.run("after", () => before + x + y);
    });
    const handler = serve({ client, functions: [fn] });
    app = await listen(async (req, res) => {
      if (req.method === "POST") {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const raw = Buffer.concat(chunks);
        const body = JSON.parse(raw.toString("utf8"));
        calls.push({ stepId: new URL(req.url!, "http://x").searchParams.get("stepId")!, die: body.ctx.disable_immediate_execution });
        // Hand the consumed body back to the SDK's handler.
        const replay = Object.assign(Readable.from([raw]), { headers: req.headers, method: req.method, url: req.url });
        return handler(replay as unknown as http.IncomingMessage, res);
      }
      return handler(req, res);
    });
    executor = await startExecutor({ ...FAST, databaseUrl: databaseUrl(), appServeUrl: `${app.url}/api/inngest`, port: executorPort });
  });
  afterAll(async () => {
    await executor?.stop();
    if (app) await close(app.server);
  });

  it("planned parallel steps are called with it set; the run starts and ends without it", async () => {
    const db = createPool(databaseUrl(), 1);
    try {
      const client = new Inngest({ id: "die-sender", isDev: true, baseUrl: executor.url, logger: quiet });
      await client.send({ name: "test/fan", data: {} });
      const [run] = await finishedRuns(db as never, "die-fan", 1, 20_000);
      expect(run.output).toBe(3);
    } finally {
      await db.end();
    }
    expect(calls[0]).toEqual({ stepId: "step", die: false });
    const parallel = calls.filter((c) => c.stepId !== "step");
    expect(parallel.length).toBeGreaterThanOrEqual(2);
    expect(parallel.every((c) => c.die)).toBe(true);
    // Once both parallel steps are done Inngest resets the flag (maybeResetForceStepPlan) before the next discovery call.
    expect(calls[calls.length - 1]).toEqual({ stepId: "step", die: false });
  });
});
