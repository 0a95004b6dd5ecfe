// The event API's group commit (event-intake.ts): requests arriving while a
// store is in flight are stored together in one statement, with the same
// outcome as storing each in turn, and a request the database refuses fails
// alone.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPool, SCHEMA, type Db, type Queryable } from "../../../lib/local-runtime/executor/database";
import { EventIntake } from "../../../lib/local-runtime/executor/event-intake";
import { databaseUrl, resetExecutorTables } from "./harness";

const DAY_MS = 24 * 60 * 60 * 1000;

describe("executor: event intake", () => {
  let db: Db;
  let statements = 0;
  let wakes = 0;
  let intake: EventIntake;

  beforeAll(async () => {
    await resetExecutorTables();
    db = createPool(databaseUrl(), 2);
  });
  beforeEach(async () => {
    await db.query(`TRUNCATE ${SCHEMA}.events, ${SCHEMA}.jobs, ${SCHEMA}.event_archive RESTART IDENTITY`);
    statements = 0;
    wakes = 0;
    const counted = { query: (...args: Parameters<Db["query"]>) => (statements++, db.query(...args)) } as unknown as Queryable;
    intake = new EventIntake(counted, { dedupeWindowMs: DAY_MS, onStored: () => wakes++ });
  });
  afterAll(async () => {
    await db?.end();
  });

  it("stores concurrent requests in fewer statements, each request's ids in its order", async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        intake.accept([
          { name: "test/grouped", id: `g-${i}-a`, data: { i } },
          { name: "test/grouped", id: `g-${i}-b`, data: { i } },
        ]),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => [`g-${i}-a`, `g-${i}-b`]));
    expect(statements).toBeLessThan(20);
    expect(wakes).toBe(statements);

    const { rows } = await db.query(
      `SELECT count(*)::int AS events, (SELECT count(*)::int FROM ${SCHEMA}.jobs) AS jobs FROM ${SCHEMA}.events`,
    );
    expect(rows[0]).toEqual({ events: 40, jobs: 40 });
  });

  it("keeps the first of the same id across grouped requests and archives the rest as duplicates", async () => {
    const answers = await Promise.all([
      intake.accept([{ name: "test/dupe", id: "same", data: { from: "first" } }]),
      intake.accept([{ name: "test/dupe", id: "same", data: { from: "second" } }]),
      intake.accept([{ name: "test/dupe", id: "same", data: { from: "third" } }]),
    ]);
    expect(answers).toEqual([["same"], ["same"], ["same"]]);
    const stored = await db.query(`SELECT payload->'data'->>'from' AS origin FROM ${SCHEMA}.events WHERE id = 'same'`);
    expect(stored.rows).toEqual([{ origin: "first" }]);
    const archived = await db.query(
      `SELECT count(*)::int AS n FROM ${SCHEMA}.event_archive WHERE id = 'same' AND reason LIKE 'duplicate%'`,
    );
    expect(archived.rows[0].n).toBe(2);
    const jobs = await db.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.jobs WHERE event_id = 'same'`);
    expect(jobs.rows[0].n).toBe(1);
  });

  it("fails only the request the database refuses; the others in its group are stored", async () => {
    const results = await Promise.allSettled([
      intake.accept([{ name: "test/ok", id: "ok-1" }]),
      intake.accept([{ name: "test/ok", id: "ok-2" }]),
      // jsonb cannot hold a NUL character: Postgres refuses the whole statement.
      intake.accept([{ name: "test/bad", id: "bad", data: { text: "a\u0000b" } }]),
      intake.accept([{ name: "test/ok", id: "ok-3" }]),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    const { rows } = await db.query(`SELECT id FROM ${SCHEMA}.events ORDER BY id`);
    expect(rows.map((r) => r.id)).toEqual(["ok-1", "ok-2", "ok-3"]);
  });
});
