// Conformance: what a sync accepts and refuses, cron semantics, and function versions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextCronTime, parseCron } from "../../../../lib/local-runtime/executor/cron";
import { createPool, type Db } from "../../../../lib/local-runtime/executor/database";
import { DEFAULT_POLICY } from "../../../../lib/local-runtime/executor/execution-policy";
import { FunctionRegistry } from "../../../../lib/local-runtime/executor/function-registry";
import { FunctionConfigError, validateFunctionConfig } from "../../../../lib/local-runtime/executor/function-validation";
import type { FunctionConfig } from "../../../../lib/local-runtime/executor/types";
import { databaseUrl, finishedRuns, resetExecutorTables, runsOf, startHarness, waitFor } from "../harness";

const APP = "http://127.0.0.1:3999";
function fn(extra: Record<string, unknown>, triggers: unknown[] = [{ event: "a/b" }]): FunctionConfig {
  return {
    id: "app-f",
    name: "f",
    triggers,
    steps: { step: { id: "step", name: "step", runtime: { type: "http", url: `${APP}/api/inngest?fnId=app-f&stepId=step` } } },
    ...extra,
  } as FunctionConfig;
}
const problems = (config: FunctionConfig) => validateFunctionConfig(config, APP).join("\n");

describe("conformance: registration", () => {
  it("refuses cron descriptors such as @hourly and day-of-week 7 (pkg/inngest/trigger.go CronTrigger.Validate, robfig/cron/v3 without Descriptor)", () => {
    expect(problems(fn({}, [{ cron: "@hourly" }]))).toMatch(/isn't a valid cron schedule/);
    expect(problems(fn({}, [{ cron: "0 0 * * 7" }]))).toMatch(/isn't a valid cron schedule/);
    expect(problems(fn({}, [{ cron: "TZ=Asia/Tokyo 0 9 * * 1-5" }]))).toBe("");
  });

  it("*/N day-of-month with a weekday matches either day (robfig/cron/v3 dayMatches, used by pkg/inngest/trigger.go)", () => {
    // 2026-03-02 is a Monday; "*/2" days are 1, 3, 5, …: a restricted field (no star bit), so OR.
    const from = Date.parse("2026-03-01T12:00:00Z");
    const next = (expr: string, after: number) => new Date(nextCronTime(parseCron(expr), after)!).toISOString();
    expect(next("0 0 */2 * MON", from)).toBe("2026-03-02T00:00:00.000Z"); // Monday, though 2 is even
    expect(next("0 0 */2 * MON", Date.parse("2026-03-02T01:00:00Z"))).toBe("2026-03-03T00:00:00.000Z"); // day 3
    // A bare "*" day-of-month keeps AND: only Mondays.
    expect(next("0 0 * * MON", Date.parse("2026-03-02T01:00:00Z"))).toBe("2026-03-09T00:00:00.000Z");
  });

  it("refuses more than 2 concurrency limits and more than 5 cancelOn (pkg/inngest/function.go Validate, consts.MaxConcurrencyLimits / MaxCancellations)", () => {
    expect(problems(fn({ concurrency: [{ limit: 1 }, { limit: 2, key: "event.data.a" }, { limit: 3, key: "event.data.b" }] }))).toMatch(
      /max of: 2/,
    );
    expect(problems(fn({ cancel: Array.from({ length: 6 }, (_, i) => ({ event: `c/${i}` })) }))).toMatch(/cancellation events: 5/);
    expect(problems(fn({ concurrency: [{ limit: 1 }, { limit: 2, key: "event.data.a" }], cancel: [{ event: "c/1" }] }))).toBe("");
    expect(problems(fn({ concurrency: { limit: 2, scope: "env" } }))).toMatch(/key must be specified/);
  });

  it("refuses bad periods (pkg/inngest/function.go RateLimit.IsValid, Throttle.UnmarshalJSON)", () => {
    expect(problems(fn({ rateLimit: { limit: 1, period: "25h" } }))).toMatch(/less than 24h/);
    expect(problems(fn({ rateLimit: { limit: 0, period: "1m" } }))).toMatch(/greater than 0/);
    expect(problems(fn({ throttle: { limit: 1, period: "soon" } }))).toMatch(/parse time duration/);
    expect(problems(fn({ rateLimit: { limit: 5, period: "1h" }, throttle: { limit: 1, period: "1m", burst: 2 } }))).toBe("");
  });

  it("refuses options this executor does not implement, by name (no option registers and is ignored)", () => {
    expect(problems(fn({ debounce: { period: "5s" } }))).toMatch(/debounce is not implemented/);
    expect(problems(fn({ batchEvents: { maxSize: 10, timeout: "5s" } }))).toMatch(/batchEvents \(event batching\) is not implemented/);
    expect(problems(fn({ timeouts: { start: "1m" } }))).toMatch(/timeouts .* not implemented/);
    expect(problems(fn({ priority: { run: "1" } }))).toMatch(/priority.run is not implemented/);
    expect(problems(fn({ singleton: { key: "event.data.a", mode: "skip" }, idempotency: "event.data.b" }))).toBe("");
  });

  it("refuses a function URL whose origin is not the app URL the executor serves (issue 7: forged Host)", () => {
    const forged = fn({});
    forged.steps.step.runtime.url = "http://attacker.example/api/inngest?fnId=app-f&stepId=step";
    expect(problems(forged)).toMatch(/not the app URL this executor serves/);
  });

  describe("through a registry", () => {
    let db: Db;
    beforeAll(async () => {
      await resetExecutorTables();
      db = createPool(databaseUrl(), 1);
    });
    afterAll(async () => db?.end());

    it("a refused sync changes nothing and names every problem", async () => {
      const registry = new FunctionRegistry(db, DEFAULT_POLICY, APP);
      await registry.register({ url: `${APP}/api/inngest`, appName: "app", functions: [fn({}) as never] });
      const bad = { ...fn({ debounce: { period: "1s" } }, [{ cron: "@daily" }]), id: "app-g" };
      const error = await registry
        .register({ url: `${APP}/api/inngest`, appName: "app", functions: [fn({}) as never, bad as never] })
        .catch((e) => e);
      expect(error).toBeInstanceOf(FunctionConfigError);
      expect(error.message).toMatch(/app-g.*debounce/);
      expect(error.message).toMatch(/app-g.*@daily/);
      expect(registry.all().map((f) => f.id)).toEqual(["app-f"]);
    });
  });
});

describe("conformance: runs keep the function version they started with", () => {
  it("a re-sync with new retries leaves a running run's attempts and version alone (Inngest function versions)", async () => {
    await resetExecutorTables();
    let versioned: { opts: { retries?: number } } | undefined;
    const h = await startHarness("conf-version", (inngest) => {
      const created = inngest.createFunction({ id: "v", retries: 1, triggers: [{ event: "conf/v" }] }, async ({ step }) => {
        await step.sleep("wait", "1s");
        return "ok";
      });
      versioned = created as unknown as { opts: { retries?: number } };
      return [created];
    });
    try {
      await h.inngest.send({ name: "conf/v", data: { n: 1 } });
      await waitFor(async () => (await runsOf(h.db, "conf-version-v")).length === 1, { what: "first run" });
      versioned!.opts.retries = 6; // the app is redeployed with another retry count
      await h.executor.resync();
      await h.inngest.send({ name: "conf/v", data: { n: 2 } });
      const runs = await finishedRuns(h.db, "conf-version-v", 2, 20_000);
      const { rows } = await h.db.query(
        `SELECT event->'data'->>'n' AS n, max_attempts, function_version FROM inngest_executor.runs ORDER BY id`,
      );
      expect(runs.every((r) => r.status === "completed")).toBe(true);
      expect(rows).toEqual([
        { n: "1", max_attempts: 2, function_version: 1 },
        { n: "2", max_attempts: 7, function_version: 2 },
      ]);
    } finally {
      await h.stop();
    }
  });
});
