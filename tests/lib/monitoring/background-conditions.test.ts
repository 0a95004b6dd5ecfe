// Each background-work alert (issue 11 §3) raised by its condition in the local
// executor's own tables and cleared when the condition goes; on Inngest Cloud
// (no executor tables) the flow is skipped.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "../../../lib/db/client";
import { createPool, SCHEMA } from "../../../lib/local-runtime/executor/database";
import { DATA_TABLES, ensureSchema } from "../../../lib/local-runtime/executor/schema";
import { evaluateBackgroundConditions } from "../../../lib/monitoring/background-conditions";
import { evaluateAlerts } from "../../../lib/monitoring/evaluate-alerts";
import { createExecutorTablesReader, EXECUTOR_SCHEMA } from "../../../lib/monitoring/executor-tables-reader";
import { computeBackgroundHealth } from "../../../lib/monitoring/health-score";
import { resetDatabase } from "../../setup/reset-database";

const open = (kind: string) => prisma.alert.findMany({ where: { kind, clearedAt: null } });
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const evaluate = () => evaluateAlerts(prisma, new Date());

async function resetExecutorTables() {
  const db = createPool(process.env.DATABASE_URL!, 1);
  try {
    await ensureSchema(db);
    await db.query(`TRUNCATE ${DATA_TABLES.map((t) => `${SCHEMA}.${t}`).join(", ")} RESTART IDENTITY`);
  } finally {
    await db.end();
  }
}

let runSeq = 0;
async function run(functionId: string, status: string, endedAt: Date | null) {
  runSeq++;
  await prisma.$executeRawUnsafe(
    `INSERT INTO ${EXECUTOR_SCHEMA}.runs (id, function_id, event, trigger, status, max_attempts, created_at, ended_at) VALUES ($1, $2, '{}', 'test', $3, 4, $4, $5)`,
    `run-${runSeq}`,
    functionId,
    status,
    endedAt ?? new Date(),
    endedAt,
  );
}

describe("background alerts: raised by their condition, cleared when it goes", () => {
  beforeEach(async () => {
    await resetDatabase();
    await resetExecutorTables();
    await evaluateAlerts(prisma, new Date(), { fromCron: true });
  });

  it("reads the executor's schema by the executor's own name", () => {
    expect(EXECUTOR_SCHEMA).toBe(SCHEMA);
  });

  it("a cron that did not fire on time", async () => {
    await prisma.$executeRawUnsafe(
      `INSERT INTO ${EXECUTOR_SCHEMA}.crons (function_id, expression, next_at) VALUES ('app-haier-hourly-prices', '0 * * * *', $1)`,
      minutesAgo(1),
    );
    await evaluate();
    expect(await open("background_cron_late")).toHaveLength(0); // within the 2-minute margin

    await prisma.$executeRawUnsafe(`UPDATE ${EXECUTOR_SCHEMA}.crons SET next_at = $1`, minutesAgo(7));
    const snapshot = await evaluate();
    const [alert] = await open("background_cron_late");
    expect(alert).toMatchObject({
      flow: "background",
      severity: "critical",
      fingerprint: "background:cron_late:app-haier-hourly-prices:0 * * * *",
      link: "/runs?functionId=app-haier-hourly-prices",
    });
    expect(alert.message).toMatch(/7 min late/);
    expect(snapshot.flows.background.metrics).toMatchObject({ available: true, overdueCrons: 1 });

    // The tick fires: next_at moves on, the alert clears.
    await prisma.$executeRawUnsafe(`UPDATE ${EXECUTOR_SCHEMA}.crons SET next_at = $1`, new Date(Date.now() + 53 * 60_000));
    await evaluate();
    expect(await open("background_cron_late")).toHaveLength(0);
  });

  it("runs failing: failed runs in the last hour at or above the threshold", async () => {
    await run("app-publish-tracking-job", "failed", minutesAgo(10));
    await run("app-publish-tracking-job", "failed", minutesAgo(20));
    await run("app-haier-sync", "failed", minutesAgo(90)); // outside the hour
    await run("app-haier-sync", "completed", minutesAgo(5));
    await evaluate();
    expect(await open("background_runs_failing")).toHaveLength(0);

    await run("app-haier-sync", "failed", minutesAgo(1));
    const snapshot = await evaluate();
    const [alert] = await open("background_runs_failing");
    expect(alert).toMatchObject({ severity: "warning", fingerprint: "background:runs_failing", link: "/runs?status=failed" });
    expect(alert.message).toMatch(/3 background runs failed in the last hour .*app-publish-tracking-job ×2/);
    expect(snapshot.flows.background.metrics).toMatchObject({ failedRuns: 3, finishedRuns: 4 });

    // The failures age out of the hour: cleared.
    await prisma.$executeRawUnsafe(`UPDATE ${EXECUTOR_SCHEMA}.runs SET ended_at = $1 WHERE status = 'failed'`, minutesAgo(61));
    await evaluate();
    expect(await open("background_runs_failing")).toHaveLength(0);
  });

  it("queue backlog: due jobs not picked up for more than 5 minutes", async () => {
    await prisma.$executeRawUnsafe(
      `INSERT INTO ${EXECUTOR_SCHEMA}.jobs (kind, run_id, run_at) VALUES ('step', 'r1', $1), ('step', 'r2', $2), ('step', 'r3', $3)`,
      minutesAgo(8),
      minutesAgo(2),
      new Date(Date.now() + 60_000),
    );
    // A leased job is being worked on, not waiting.
    await prisma.$executeRawUnsafe(
      `INSERT INTO ${EXECUTOR_SCHEMA}.jobs (kind, run_id, run_at, lease_owner, lease_until) VALUES ('step', 'r4', $1, 'w1', $2)`,
      minutesAgo(30),
      new Date(Date.now() + 60_000),
    );
    await evaluate();
    const [alert] = await open("background_queue_backlog");
    expect(alert).toMatchObject({ severity: "warning", fingerprint: "background:queue_backlog" });
    expect(alert.details).toMatchObject({ waiting: 1 });

    await prisma.$executeRawUnsafe(`DELETE FROM ${EXECUTOR_SCHEMA}.jobs WHERE run_id = 'r1'`);
    await evaluate();
    expect(await open("background_queue_backlog")).toHaveLength(0);
  });

  it("without executor tables (Inngest Cloud) the flow is skipped", async () => {
    const result = await evaluateBackgroundConditions(null, new Date());
    expect(result).toEqual({ conditions: [], metrics: { available: false, overdueCrons: 0, failedRuns: 0, finishedRuns: 0, backlog: 0 } });
    // The reader factory answers null when the schema is missing.
    await prisma.$executeRawUnsafe(`ALTER SCHEMA ${EXECUTOR_SCHEMA} RENAME TO ${EXECUTOR_SCHEMA}_hidden`);
    try {
      expect(await createExecutorTablesReader(prisma)).toBeNull();
      const snapshot = await evaluate();
      expect(snapshot.flows.background.metrics.available).toBe(false);
    } finally {
      await prisma.$executeRawUnsafe(`ALTER SCHEMA ${EXECUTOR_SCHEMA}_hidden RENAME TO ${EXECUTOR_SCHEMA}`);
    }
  });

  it("health score follows its formula", () => {
    const health = computeBackgroundHealth({ available: true, overdueCrons: 1, failedRuns: 3, finishedRuns: 10, backlog: 5 }, true);
    // 100 − 0 − 25 − 25·0.5 − 20·0.5 = 52.5
    expect(health).toMatchObject({
      score: 53,
      status: "degraded",
      deductions: { executor: 0, late_crons: 25, failed_runs: 12.5, backlog: 10 },
    });
    expect(computeBackgroundHealth({ available: false, overdueCrons: 0, failedRuns: 0, finishedRuns: 0, backlog: 0 }, false).score).toBe(
      70,
    );
  });
});
