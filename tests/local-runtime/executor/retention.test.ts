import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createPool, SCHEMA } from "../../../lib/local-runtime/executor/database";
import { pruneFinishedRuns } from "../../../lib/local-runtime/executor/retention";
import { databaseUrl, resetExecutorTables } from "./harness";

const db = createPool(databaseUrl(), 1);
afterAll(() => db.end());
const DAY = 86_400_000;

async function addRun(id: string, status: string, endedDaysAgo: number | null, eventId: string) {
  const ended = endedDaysAgo === null ? null : new Date(Date.now() - endedDaysAgo * DAY).toISOString();
  await db.query(`INSERT INTO ${SCHEMA}.events (id, name, payload, received_at) VALUES ($1, 'e', '{}', $2) ON CONFLICT DO NOTHING`, [
    eventId,
    new Date(Date.now() - 200 * DAY).toISOString(),
  ]);
  await db.query(
    `INSERT INTO ${SCHEMA}.runs (id, function_id, event_id, event, trigger, status, max_attempts, ended_at) VALUES ($1, 'f', $2, '{}', 'e', $3, 5, $4)`,
    [id, eventId, status, ended],
  );
  await db.query(`INSERT INTO ${SCHEMA}.steps (run_id, step_id, op, status) VALUES ($1, 's1', 'step', 'completed')`, [id]);
}

const ids = async (table: string) =>
  (await db.query(`SELECT ${table === "steps" ? "run_id AS id" : "id"} FROM ${SCHEMA}.${table} ORDER BY 1`)).rows.map((r) => r.id);

describe("executor retention", () => {
  beforeEach(resetExecutorTables);

  it("prunes finished runs, their steps and unreferenced events past the age; never a queued or running run or its event", async () => {
    await addRun("old-completed", "completed", 120, "ev-1");
    await addRun("old-failed", "failed", 100, "ev-2");
    await addRun("recent-completed", "completed", 5, "ev-3");
    await addRun("old-running", "running", null, "ev-4");
    await addRun("old-queued", "queued", null, "ev-5");
    const olderThan = new Date(Date.now() - 90 * DAY);
    let result = await pruneFinishedRuns(db, { olderThan, batchSize: 1 });
    expect(result).toMatchObject({ runs: 1, steps: 1, more: true });
    while (result.more) result = await pruneFinishedRuns(db, { olderThan, batchSize: 1 });
    expect(await ids("runs")).toEqual(["old-queued", "old-running", "recent-completed"]);
    expect(await ids("steps")).toEqual(["old-queued", "old-running", "recent-completed"]);
    // ev-3's run is finished but recent: the event itself is older than the cutoff and no unfinished run needs it.
    expect(await ids("events")).toEqual(["ev-4", "ev-5"]);
  });
});
