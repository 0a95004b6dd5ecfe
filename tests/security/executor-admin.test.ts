// Issue 7, item 1: nobody who can reach the app or the executor can re-point the
// executor's signed calls. The serve URL comes from configuration, the executor
// refuses function URLs outside the app's origin, and POST /sync needs its key.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExecutor, type RunningExecutor } from "@/lib/local-runtime/executor";
import { SCHEMA } from "@/lib/local-runtime/executor/database";
import { hashedSigningKey } from "@/lib/local-runtime/executor/request-signing";
import { inngestServeLocation } from "@/inngest/serve-location";
import { freePort } from "@/lib/local-runtime/platform/wait-for-port";
import { databaseUrl, FAST, resetExecutorTables } from "../local-runtime/executor/harness";
import { createPool } from "@/lib/local-runtime/executor/database";

const signingKey = "signkey-test-" + "ab".repeat(32);

describe("executor admin surface", () => {
  let executor: RunningExecutor;
  let app: http.Server;
  let appOrigin: string;
  const db = createPool(databaseUrl(), 1);

  beforeAll(async () => {
    await resetExecutorTables();
    const executorPort = await freePort();
    const quiet = { info() {}, warn() {}, error() {}, debug() {} };
    const inngest = new Inngest({ id: "sec", isDev: true, baseUrl: `http://127.0.0.1:${executorPort}`, logger: quiet, signingKey });
    const fn = inngest.createFunction({ id: "f", triggers: [{ event: "sec/f" }] }, async () => "ok");
    app = http.createServer();
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", () => resolve()));
    appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    // As app/api/inngest/route.ts does: the serve location from configuration.
    const handler = serve({ client: inngest, functions: [fn], ...inngestServeLocation({ APP_URL: appOrigin }) });
    app.on("request", (req, res) => handler(req, res));
    executor = await startExecutor({
      ...FAST,
      databaseUrl: databaseUrl(),
      appServeUrl: `${appOrigin}/api/inngest`,
      port: executorPort,
      signingKey,
    });
  });
  afterAll(async () => {
    await executor?.stop();
    app?.closeAllConnections();
    app?.close();
    await db.end();
  });

  const registeredUrls = async () => (await db.query(`SELECT url FROM ${SCHEMA}.functions`)).rows.map((r) => new URL(r.url).origin);

  it("POST /sync without the executor's key is refused", async () => {
    expect((await fetch(`${executor.url}/sync`, { method: "POST" })).status).toBe(401);
    const wrong = await fetch(`${executor.url}/sync`, {
      method: "POST",
      headers: { authorization: `Bearer ${hashedSigningKey("signkey-test-" + "cd".repeat(32))}` },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${executor.url}/sync`, {
      method: "POST",
      headers: { authorization: `Bearer ${hashedSigningKey(signingKey)}` },
    });
    expect(right.status).toBe(200);
    expect(await registeredUrls()).toEqual([appOrigin]);
  });

  it("a PUT with a forged Host / X-Forwarded-Proto does not move the functions", async () => {
    await fetch(`${appOrigin}/api/inngest`, {
      method: "PUT",
      headers: { host: "attacker.example:4502", "x-forwarded-proto": "https", "x-forwarded-host": "attacker.example" },
    });
    expect(await registeredUrls()).toEqual([appOrigin]);
  });

  it("a registration naming another origin is refused even with the key", async () => {
    const body = {
      url: "http://attacker.example/api/inngest",
      appName: "sec",
      functions: [
        {
          id: "sec-f",
          name: "f",
          triggers: [{ event: "sec/f" }],
          steps: {
            step: {
              id: "step",
              name: "step",
              runtime: { type: "http", url: "http://attacker.example/api/inngest?fnId=sec-f&stepId=step" },
            },
          },
        },
      ],
    };
    const response = await fetch(`${executor.url}/fn/register`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${hashedSigningKey(signingKey)}` },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/not the app URL this executor serves/);
    expect(await registeredUrls()).toEqual([appOrigin]);
  });

  it("the serve location comes from INNGEST_SERVE_ORIGIN / APP_URL / NEXTAUTH_URL, never a request", () => {
    expect(inngestServeLocation({ APP_URL: "https://ops.example.com/some/page" })).toEqual({
      serveOrigin: "https://ops.example.com",
      servePath: "/api/inngest",
    });
    expect(inngestServeLocation({ NEXTAUTH_URL: "http://localhost:3000" })).toEqual({
      serveOrigin: "http://localhost:3000",
      servePath: "/api/inngest",
    });
    expect(inngestServeLocation({ INNGEST_SERVE_ORIGIN: "http://127.0.0.1:4000", APP_URL: "https://ops.example.com" }).serveOrigin).toBe(
      "http://127.0.0.1:4000",
    );
  });
});
