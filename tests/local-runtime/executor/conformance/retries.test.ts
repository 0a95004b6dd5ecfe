// Conformance: retry counts, backoff, Retry-After and which answers are retried.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  INNGEST_BACKOFF_TABLE_MS,
  inngestBackoffMs,
  MAX_RETRY_AFTER_MS,
  MIN_RETRY_AFTER_MS,
  retryAfterMs,
} from "../../../../lib/local-runtime/executor/duration";
import { callFunction } from "../../../../lib/local-runtime/executor/function-caller";
import { maxAttemptsOf } from "../../../../lib/local-runtime/executor/types";
import { finishedRuns, resetExecutorTables, startHarness, type Harness } from "../harness";

describe("conformance: retries", () => {
  let h: Harness;
  const attempts: Record<string, number[]> = {};
  const record = (key: string) => (attempts[key] ??= []).push(Date.now());

  beforeAll(async () => {
    await resetExecutorTables();
    h = await startHarness("conf-retry", (inngest) => [
      inngest.createFunction({ id: "default", triggers: [{ event: "conf/default" }] }, async ({ step }) => {
        await step.run("broken", () => {
          record("default");
          throw new Error("always");
        });
      }),
    ]);
  });
  afterAll(async () => h?.stop());

  it("retries unset means 5 attempts (pkg/consts/consts.go DefaultRetryCount = 4)", async () => {
    await h.inngest.send({ name: "conf/default", data: {} });
    const [run] = await finishedRuns(h.db, "conf-retry-default", 1, 20_000);
    expect(run.status).toBe("failed");
    expect(attempts.default).toHaveLength(5);
    // Gaps follow the table at time scale 0.001: ≥ 15, 30, 60, 120 ms.
    const gaps = attempts.default.slice(1).map((t, i) => t - attempts.default[i]);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(INNGEST_BACKOFF_TABLE_MS[i] * 0.001 - 2));
  });

  it("retries above 20 are lowered to 20 (pkg/sdk/function.go, consts.MaxRetries)", () => {
    const config = (attempts: number) => ({
      id: "f",
      triggers: [],
      steps: { step: { id: "step", name: "step", runtime: { type: "http", url: "http://x" }, retries: { attempts } } },
    });
    expect(maxAttemptsOf(config(25))).toBe(21);
    expect(maxAttemptsOf(config(0))).toBe(1);
    expect(maxAttemptsOf({ id: "f", triggers: [], steps: {} })).toBe(5);
  });

  it("backoff is the table 15s…2h plus up to 30 s of jitter (pkg/backoff/backoff.go TableBackoff)", () => {
    expect(INNGEST_BACKOFF_TABLE_MS).toEqual([15, 30, 60, 120, 300, 600, 1200, 2400, 3600, 7200].map((s) => s * 1000));
    expect(inngestBackoffMs(0, () => 0)).toBe(15_000);
    expect(inngestBackoffMs(0, () => 0.99999)).toBe(15_000 + 29_999);
    expect(inngestBackoffMs(4, () => 0)).toBe(300_000);
    expect(inngestBackoffMs(50, () => 0)).toBe(7_200_000); // the last entry repeats
  });

  it("Retry-After is whole seconds or a date, clamped to [1 s, 24 h] (pkg/execution/driver/httpdriver/parse.go ParseRetry)", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs("30", now)).toBe(30_000);
    expect(retryAfterMs("0", now)).toBe(MIN_RETRY_AFTER_MS);
    expect(retryAfterMs("9999999", now)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs("2026-01-05T00:00:00Z", now)).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs("2026-01-01T00:00:10Z", now)).toBe(10_000);
    expect(retryAfterMs("2025-12-31T00:00:00Z", now)).toBe(MIN_RETRY_AFTER_MS);
  });

  it("a 4xx without x-inngest-no-retry is retried; the header always decides (pkg/execution/driver/httpdriver/util.go ShouldRetry)", async () => {
    const answers: Array<{ status: number; headers: Record<string, string> }> = [
      { status: 404, headers: {} },
      { status: 400, headers: { "x-inngest-no-retry": "true" } },
      { status: 500, headers: { "x-inngest-no-retry": "false", "retry-after": "7" } },
    ];
    const server = http.createServer((_req, res) => {
      const answer = answers.shift()!;
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(JSON.stringify({ name: "Error", message: "no" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/inngest`;
    const body = { event: {}, events: [], steps: {}, ctx: {}, version: 2 } as never;
    const call = () => callFunction({ url, functionId: "f", stepId: null, body, signal: new AbortController().signal });
    try {
      expect(await call()).toMatchObject({ kind: "error", retriable: true });
      expect(await call()).toMatchObject({ kind: "error", retriable: false });
      expect(await call()).toMatchObject({ kind: "error", retriable: "7" });
    } finally {
      server.close();
    }
  });
});
