// Errors the dispatcher survives are reported, once per distinct error, and
// never stop the loop (issue 10 item 2: heartbeat / pool errors were swallowed).
import { describe, expect, it } from "vitest";
import type { Db } from "../../../lib/local-runtime/executor/database";
import { Dispatcher } from "../../../lib/local-runtime/executor/dispatcher";
import { createErrorLog } from "../../../lib/local-runtime/executor/error-log";
import type { ExecutorContext } from "../../../lib/local-runtime/executor/executor-context";
import { waitFor } from "./harness";

/** A database whose heartbeat UPDATE always fails and whose one claimed job never finishes until released. */
function fakeDatabase() {
  let claims = 0;
  let heartbeats = 0;
  let claimsAfterFailures = 0;
  const parked: Array<() => void> = [];
  const query = async (text: string) => {
    if (text.includes("claim_next_job")) {
      claims++;
      if (heartbeats >= 2) claimsAfterFailures++;
      return {
        rows: claims === 1 ? [{ id: "1", kind: "event", run_id: null, event_id: "e1", step_id: null, attempt: 0 }] : [],
        rowCount: 0,
      };
    }
    // The other due events to route with the claimed one: none.
    if (text.includes("kind = 'event'") && text.includes("SKIP LOCKED")) return { rows: [], rowCount: 0 };
    if (text.includes("SET lease_until = clock_timestamp() + $3")) {
      heartbeats++;
      throw new Error("Connection terminated unexpectedly");
    }
    if (text.includes("AS wait")) return { rows: [{ wait: null }], rowCount: 1 };
    if (text === "BEGIN" || text === "COMMIT" || text === "ROLLBACK") return { rows: [], rowCount: 0 };
    if (text.includes("crons")) return { rows: [], rowCount: 0 };
    // The job's own work: held until the test lets it go.
    await new Promise<void>((resolve) => parked.push(resolve));
    return { rows: [], rowCount: 0 };
  };
  const db = { query, connect: async () => ({ query, release() {} }) } as unknown as Db;
  return {
    db,
    heartbeats: () => heartbeats,
    claimsAfterFailures: () => claimsAfterFailures,
    releaseParked: () => parked.splice(0).forEach((resolve) => resolve()),
  };
}

describe("executor dispatcher: survived errors", () => {
  it("logs a failing heartbeat once, counts its repeats, and keeps claiming", async () => {
    const fake = fakeDatabase();
    const lines: string[] = [];
    const errors = createErrorLog((line) => lines.push(line));
    const ctx = {
      db: fake.db,
      registry: { all: () => [] },
      owner: "executor-test",
      options: { leaseMs: 750, pollIntervalMs: 10, maxConcurrentJobs: 4 },
      policy: { timeScale: 1, limits: {} },
      wake() {},
    } as unknown as ExecutorContext;
    const dispatcher = new Dispatcher(ctx, errors);
    dispatcher.start();
    try {
      // Heartbeats run every leaseMs / 3 (250 ms) while the job is in flight.
      await waitFor(async () => fake.heartbeats() >= 3 && fake.claimsAfterFailures() > 0, {
        what: "three failed heartbeats and a later claim",
      });
    } finally {
      fake.releaseParked();
      await dispatcher.stop({ graceful: false });
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("heartbeat (extending 1 lease(s) of executor-test)");
    expect(lines[0]).toContain("Connection terminated unexpectedly");
    const [[key, count]] = [...errors.counts()];
    expect(key).toContain("heartbeat");
    expect(count).toBeGreaterThanOrEqual(3);
  });

  it("reports distinct errors separately", () => {
    const lines: string[] = [];
    const errors = createErrorLog((line) => lines.push(line));
    errors.report("heartbeat", new Error("a"));
    errors.report("heartbeat", new Error("a"));
    errors.report("heartbeat", new Error("b"));
    errors.report("database pool", new Error("a"));
    expect(lines).toHaveLength(3);
    expect(errors.counts().get("heartbeat: a")).toBe(2);
  });
});
