// Retries through the real SDK: the function's `retries` count, backoff,
// NonRetriableError, RetryAfterError, and onFailure handlers.
import { NonRetriableError, RetryAfterError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finishedRuns, resetExecutorTables, startHarness, waitFor, type Harness } from "./harness";

describe("executor: retries", () => {
  let h: Harness;
  const attempts: Record<string, number[]> = {};
  const record = (key: string) => (attempts[key] ??= []).push(Date.now());
  const failures: string[] = [];

  beforeAll(async () => {
    await resetExecutorTables();
    h = await startHarness("retries", (inngest) => [
      inngest.createFunction(
        {
          id: "always-fails",
          retries: 2,
          triggers: [{ event: "test/always-fails" }],
          onFailure: async ({ error }: { error: Error }) => {
            failures.push(error.message);
          },
        },
        async ({ step }) => {
          await step.run("ok-first", () => record("ok-first"));
          await step.run("broken", () => {
            record("broken");
            throw new Error("still broken");
          });
        },
      ),
      inngest.createFunction({ id: "flaky", triggers: [{ event: "test/flaky" }] }, async ({ step }) => {
        return step.run("flaky-step", () => {
          record("flaky");
          if (attempts.flaky.length < 3) throw new Error("transient");
          return "recovered";
        });
      }),
      inngest.createFunction({ id: "fails-outside-steps", retries: 1, triggers: [{ event: "test/outside" }] }, async () => {
        record("outside");
        throw new Error("no steps here");
      }),
      inngest.createFunction({ id: "non-retriable", retries: 5, triggers: [{ event: "test/non-retriable" }] }, async ({ step }) => {
        await step.run("refuse", () => {
          record("non-retriable");
          throw new NonRetriableError("bad input, do not retry");
        });
      }),
      inngest.createFunction({ id: "retry-after", retries: 1, triggers: [{ event: "test/retry-after" }] }, async ({ step }) => {
        return step.run("rate-limited", () => {
          record("retry-after");
          if (attempts["retry-after"].length === 1) throw new RetryAfterError("slow down", 60_000);
          return "done";
        });
      }),
    ]);
  });
  afterAll(async () => h?.stop());

  it("runs a failing step retries + 1 times, keeps earlier steps memoized, then fails the run", async () => {
    await h.inngest.send({ name: "test/always-fails", data: {} });
    const [run] = await finishedRuns(h.db, "retries-always-fails");
    expect(run.status).toBe("failed");
    expect(attempts.broken).toHaveLength(3);
    expect(attempts["ok-first"]).toHaveLength(1);
    expect(run.error.message).toContain("still broken");
    // Inngest's backoff table (15 s, 30 s, … + up to 30 s jitter) at the harness's time scale 0.001: at least 15 + 30 ms.
    const [t1, , t3] = attempts.broken;
    expect(t3 - t1).toBeGreaterThanOrEqual(45);
  });

  it("calls onFailure once the retries are used up", async () => {
    await waitFor(async () => failures.length > 0, { what: "onFailure" });
    expect(failures[0]).toContain("still broken");
  });

  it("recovers when a step succeeds on a later attempt (default 4 retries)", async () => {
    await h.inngest.send({ name: "test/flaky", data: {} });
    const [run] = await finishedRuns(h.db, "retries-flaky");
    expect(run.status).toBe("completed");
    expect(run.output).toBe("recovered");
    expect(attempts.flaky).toHaveLength(3);
    expect(run.attempts).toBe(2); // two retries recorded
  });

  it("retries errors thrown outside steps at function level", async () => {
    await h.inngest.send({ name: "test/outside", data: {} });
    const [run] = await finishedRuns(h.db, "retries-fails-outside-steps");
    expect(run.status).toBe("failed");
    expect(attempts.outside).toHaveLength(2);
  });

  it("fails at once on NonRetriableError", async () => {
    await h.inngest.send({ name: "test/non-retriable", data: {} });
    const [run] = await finishedRuns(h.db, "retries-non-retriable");
    expect(run.status).toBe("failed");
    expect(attempts["non-retriable"]).toHaveLength(1);
  });

  it("waits the time a RetryAfterError asks for", async () => {
    await h.inngest.send({ name: "test/retry-after", data: {} });
    const [run] = await finishedRuns(h.db, "retries-retry-after");
    expect(run.output).toBe("done");
    const [first, second] = attempts["retry-after"];
    // Retry-After "60" (s) at time scale 0.001 is 60 ms; the backoff it replaces would be 15-45 ms.
    // (Was 1.5 s unscaled; every executor-decided wait now follows the one time scale.)
    expect(second - first).toBeGreaterThanOrEqual(58);
  });
});
