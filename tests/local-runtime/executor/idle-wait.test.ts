// How long an idle worker sleeps before claiming again. An empty queue, or one
// whose only due jobs are blocked by their concurrency, must not read as "due
// now": that spun the idle executor at ~200 claims a second, most of the
// embedded database's CPU (issue 10 item 4).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createPool, SCHEMA, type Db } from "../../../lib/local-runtime/executor/database";
import { claimNextJob, msUntilNextDueJob } from "../../../lib/local-runtime/executor/job-queue";
import { StallSafeClient } from "../../../lib/local-runtime/executor/stall-safe-client";
import { startHarness, databaseUrl, resetExecutorTables, sleep, type Harness } from "./harness";

const CAP_MS = 200;
const slot = JSON.stringify([{ scope: "fn:idle-wait", limit: 1 }]);

describe("executor: sleeping while idle", () => {
  let db: Db;

  beforeAll(async () => {
    await resetExecutorTables();
    db = createPool(databaseUrl(), 2);
  });
  beforeEach(async () => {
    await db.query(`TRUNCATE ${SCHEMA}.jobs RESTART IDENTITY`);
  });
  afterAll(async () => {
    await db?.query(`TRUNCATE ${SCHEMA}.jobs RESTART IDENTITY`);
    await db?.end();
  });

  it("sleeps the whole poll interval when the queue is empty", async () => {
    expect(await msUntilNextDueJob(db, CAP_MS)).toBe(CAP_MS);
  });

  it("sleeps the whole poll interval when the only due job is blocked by its concurrency", async () => {
    await db.query(
      `INSERT INTO ${SCHEMA}.jobs (kind, run_id, run_at, concurrency) VALUES ('call', 'busy', now() - interval '1 second', $1), ('call', 'blocked', now(), $1)`,
      [slot],
    );
    expect((await claimNextJob(db, "worker", 60_000))?.run_id).toBe("busy");
    expect(await claimNextJob(db, "worker", 60_000)).toBeUndefined();
    expect(await msUntilNextDueJob(db, CAP_MS)).toBe(CAP_MS);
  });

  it("wakes in time for a job due before the poll interval ends", async () => {
    await db.query(`INSERT INTO ${SCHEMA}.jobs (kind, run_id, run_at) VALUES ('sleep', 'later', now() + interval '1 second')`);
    const wait = await msUntilNextDueJob(db, 5_000);
    expect(wait).toBeGreaterThan(500);
    expect(wait).toBeLessThanOrEqual(1_000);
  });

  it("an idle executor claims about once per poll interval, not in a loop", async () => {
    const queries = vi.spyOn(StallSafeClient.prototype, "query");
    const claims = () => queries.mock.calls.filter(([text]) => String(text).includes("claim_next_job")).length;
    let harness: Harness | undefined;
    try {
      harness = await startHarness("idle-wait", () => [], { pollIntervalMs: CAP_MS });
      await sleep(500); // started and synced
      const before = claims();
      await sleep(2_000);
      // 2 s at one claim per 200 ms is about 10 (plus a few wake-ups); the spin made thousands.
      expect(claims() - before).toBeLessThan(40);
      expect(claims() - before).toBeGreaterThan(0);
    } finally {
      queries.mockRestore();
      await harness?.stop();
    }
  });
});
