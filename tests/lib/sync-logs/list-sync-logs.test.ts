import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { listOperationTypes, listSyncLogs, listSyncLogsQuery } from "@/lib/sync-logs/list-sync-logs";
import { resetDatabase } from "../../setup/reset-database";

const list = (params: Record<string, string>) => listSyncLogs(listSyncLogsQuery.parse(params));
const HOUR = 3_600_000;

describe("listSyncLogs", () => {
  beforeEach(async () => {
    await resetDatabase();
    const now = Date.now();
    await prisma.syncLog.createMany({
      data: [
        {
          operationType: "webscraper_tracking",
          message: "Processed export of job 101",
          success: true,
          jobId: "101",
          createdAt: new Date(now - 1 * HOUR),
        },
        {
          operationType: "webscraper_tracking",
          message: "Parse error in job 102",
          success: false,
          jobId: "102",
          createdAt: new Date(now - 2 * HOUR),
        },
        {
          operationType: "tracking_job_published",
          message: "Published owryt-aaaa-0001",
          success: true,
          createdAt: new Date(now - 30 * HOUR),
        },
        {
          operationType: "japan_post_tracking_10_triggered",
          message: "Queued 3 pages",
          success: true,
          createdAt: new Date(now - 50 * HOUR),
        },
      ],
    });
  });

  it("lists newest first and filters by operation, outcome, job id, text and age", async () => {
    expect((await list({})).results.map((r) => r.job_id ?? r.operation_type)).toEqual([
      "101",
      "102",
      "tracking_job_published",
      "japan_post_tracking_10_triggered",
    ]);
    expect((await list({ operation_type: "webscraper_tracking" })).results).toHaveLength(2);
    expect((await list({ success: "false" })).results.map((r) => r.job_id)).toEqual(["102"]);
    expect((await list({ job_id: "101" })).results.map((r) => r.message)).toEqual(["Processed export of job 101"]);
    expect((await list({ q: "PARSE" })).results.map((r) => r.job_id)).toEqual(["102"]);
    expect((await list({ hours: "24" })).results).toHaveLength(2);
    expect((await list({ limit: "1" })).results).toHaveLength(1);
  });

  it("refuses an operation type that is not in the list", () => {
    expect(listSyncLogsQuery.safeParse({ operation_type: "webhook_received" }).success).toBe(false);
    expect(listSyncLogsQuery.safeParse({ operation_type: "tracking_job_requeued" }).success).toBe(true);
  });

  it("offers every operation type present, in order, without counting rows", async () => {
    expect(await listOperationTypes()).toEqual(["japan_post_tracking_10_triggered", "tracking_job_published", "webscraper_tracking"]);
    expect((await list({})).operation_types).toEqual([
      { operation_type: "japan_post_tracking_10_triggered" },
      { operation_type: "tracking_job_published" },
      { operation_type: "webscraper_tracking" },
    ]);
    await resetDatabase();
    expect(await listOperationTypes()).toEqual([]);
  });
});
