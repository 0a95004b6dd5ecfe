// Issue 7, faults 11 and 14–17, on the processing side: each case fed the way
// the fault arrives (a resumed run, a reused job id, a stray quote, an odd
// tracking number, a failed scraping job).
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { processWebscraperTracking } from "@/lib/tracking/processing/process-webscraper-tracking";
import { resetDatabase } from "../../../setup/reset-database";
import { FakeExportClient } from "./fake-export-client";
import { createBatchWithJobs, input, successLogs } from "./fixtures";

const OWRYT = "official_website_redirect_to_yamato_tracking";
const JPTO = "japan_post_tracking_only";
const APPLE = (order: string) => `https://store.apple.com/go/jp/vieworder/${order}/buyer@example.com`;
const HEADER = "web-scraper-order,web-scraper-start-url,order_number,email,tracking_number,delivery_status";
const row = (i: number, order: string, status: string, tracking = "") =>
  `${i},${APPLE(order)},${order},buyer@example.com,${tracking},${status}`;

const allLogs = (jobId: string) =>
  prisma.syncLog.findMany({ where: { operationType: "webscraper_tracking", jobId }, orderBy: { id: "asc" } });

describe("processing faults", () => {
  let client: FakeExportClient;
  beforeEach(async () => {
    await resetDatabase();
    client = new FakeExportClient();
  });

  describe("11: a resumed run", () => {
    it("returns what it already recorded without downloading again or logging a failure beside the success", async () => {
      const { jobs } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-11111111-0000", jobId: "1101" }]);
      client.setExport("1101", [HEADER, row(1, "W1", "輸送中"), row(2, "W2", "輸送中")].join("\n"));
      const run = input({ source: OWRYT, jobId: "1101", customId: "owryt-11111111-0000", taskId: "run-crashed" });
      expect((await processWebscraperTracking(run, { client })).status).toBe("success");
      expect(client.downloads).toBe(1);

      // The crash lost the step's result; the simulator restarted and the export is gone: the resumed step must not need it.
      client.exports.clear();
      client.downloadError = new Error("connection refused");
      const resumed = await processWebscraperTracking(run, { client });
      expect(resumed).toMatchObject({ status: "success", job_id: "1101" });
      expect(client.downloads).toBe(1);
      expect(await allLogs("1101")).toHaveLength(1);
      expect((await prisma.trackingJob.findUniqueOrThrow({ where: { id: jobs[0].id } })).status).toBe("completed");
    });

    it("a resumed redirect returns the redirect again so the Japan Post job is still queued, once", async () => {
      await createBatchWithJobs(OWRYT, [{ customId: "owryt-11112222-0000", jobId: "1102" }]);
      client.setExport("1102", [HEADER, row(1, "W9", "日本郵便")].join("\n"));
      const run = input({ source: OWRYT, jobId: "1102", customId: "owryt-11112222-0000", taskId: "run-redirect" });
      const dispatched: string[] = [];
      const dispatch = async (jobs: { customId: string }[]) => {
        dispatched.push(...jobs.map((j) => j.customId));
        return { dispatched: jobs.length, eventIds: [] };
      };
      expect((await processWebscraperTracking(run, { client, dispatch })).status).toBe("redirected");
      client.downloadError = new Error("gone");
      expect((await processWebscraperTracking(run, { client, dispatch })).status).toBe("redirected");
      expect(await prisma.trackingJob.count({ where: { customId: "jpt-from-owryt-owryt-11112222-0000" } })).toBe(1);
      expect(await allLogs("1102")).toHaveLength(1);
    });
  });

  describe("14: a job id that belongs to another job", () => {
    it("matches by the notification's custom id when that job has no other scraping job", async () => {
      const { jobs: a } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-aaaa1414-0000", jobId: "77" }]);
      const { jobs: b } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-bbbb1414-0000", jobId: null }]);
      client.setExport("77", [HEADER, row(1, "W14", "輸送中"), row(2, "W15", "輸送中")].join("\n"));
      const result = await processWebscraperTracking(input({ source: OWRYT, jobId: "77", customId: "owryt-bbbb1414-0000" }), { client });
      expect(result.status).toBe("success");
      expect((await prisma.trackingJob.findUniqueOrThrow({ where: { id: b[0].id } })).status).toBe("completed");
      expect((await prisma.trackingJob.findUniqueOrThrow({ where: { id: a[0].id } })).status).toBe("pending");
    });

    it("refuses with a SyncLog saying why when the custom id's job was published as another scraping job, and changes nothing", async () => {
      const { jobs: a } = await createBatchWithJobs(JPTO, [{ customId: "jpto-aaaa1414-0000", jobId: "78" }]);
      const { jobs: b } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-cccc1414-0000", jobId: "5001" }]);
      client.setExport("78", [HEADER, row(1, "W16", "配達完了"), row(2, "W17", "配達完了")].join("\n"));
      const result = await processWebscraperTracking(input({ source: OWRYT, jobId: "78", customId: "owryt-cccc1414-0000" }), { client });
      expect(result).toMatchObject({ status: "error", error_type: "job_mismatch" });
      expect(client.downloads).toBe(0);
      expect(await prisma.purchasing.count()).toBe(0);
      for (const job of [a[0], b[0]])
        expect((await prisma.trackingJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("pending");
      const [log] = await allLogs("78");
      expect(log.success).toBe(false);
      expect(log.details).toMatchObject({ error_type: "job_mismatch" });
      expect((log.details as { message: string }).message).toContain("jpto-aaaa1414-0000");
      expect((log.details as { message: string }).message).toContain("5001");
    });
  });

  describe("15: rows that cannot be read", () => {
    it("applies every good row, lists each bad row with its line and reason, and ends partial", async () => {
      const { jobs } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-15151515-0000", jobId: "1501" }]);
      const csv = [
        HEADER,
        row(1, "W21", "輸送中"),
        `2,${APPLE("W22")},"W22"x,buyer@example.com,,輸送中`,
        row(3, "W23", "配達完了"),
        `4,"${APPLE("W24")},W24`,
        row(5, "W25", "輸送中"),
      ].join("\r\n");
      client.setExport("1501", csv);
      const result = await processWebscraperTracking(input({ source: OWRYT, jobId: "1501", customId: "owryt-15151515-0000" }), { client });
      expect(result.status).toBe("partial");
      const orders = (await prisma.purchasing.findMany({ orderBy: { orderNumber: "asc" } })).map((p) => p.orderNumber);
      expect(orders).toEqual(["W21", "W23", "W25"]);
      const [log] = await successLogs("1501");
      const details = log.details as { status: string; bad_rows: { line: number; reason: string }[] };
      expect(details.status).toBe("partial");
      expect(details.bad_rows.map((r) => r.line)).toEqual([3, 5]);
      expect(details.bad_rows[0].reason).toMatch(/quote/i);
      expect((await prisma.trackingJob.findUniqueOrThrow({ where: { id: jobs[0].id } })).status).toBe("completed");
      // The same export again is already processed: nothing applied twice.
      expect(
        (await processWebscraperTracking(input({ source: OWRYT, jobId: "1501", customId: "owryt-15151515-0000" }), { client })).status,
      ).toBe("already_processed");
    });
  });

  describe("16: a tracking number in no carrier format", () => {
    it("keeps the carrier's value verbatim beside the normalized one", async () => {
      client.setExport("1601", [HEADER, row(1, "W31", "輸送中", "ab-12 34/x"), row(2, "W32", "輸送中", "1234-5678-9013")].join("\n"));
      await processWebscraperTracking(input({ source: OWRYT, jobId: "1601" }), { client });
      const odd = await prisma.purchasing.findUniqueOrThrow({ where: { orderNumber: "W31" } });
      expect(odd).toMatchObject({
        trackingNumber: "AB1234/X",
        carrierTrackingNumber: "ab-12 34/x",
        trackingNumberIssue: "unrecognized_format",
      });
      const usual = await prisma.purchasing.findUniqueOrThrow({ where: { orderNumber: "W32" } });
      expect(usual).toMatchObject({ trackingNumber: "123456789013", carrierTrackingNumber: "1234-5678-9013" });
    });
  });

  describe("17: a scraping job WebScraper reports failed or stopped", () => {
    it("fails the job with the scraper's status and applies the export's rows as a marked partial result, once", async () => {
      const { batch, jobs } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-17171717-0000", jobId: "1701" }]);
      client.setExport("1701", [HEADER, row(1, "W41", "輸送中"), row(2, "W42", "輸送中")].join("\n"));
      const run = () =>
        processWebscraperTracking(input({ source: OWRYT, jobId: "1701", customId: "owryt-17171717-0000", scraperStatus: "failed" }), {
          client,
        });
      const result = await run();
      expect(result).toMatchObject({
        status: "error",
        error_type: "scraper_failed",
        scraper_status: "failed",
        partial_result: { created: 2 },
      });
      const job = await prisma.trackingJob.findUniqueOrThrow({ where: { id: jobs[0].id } });
      expect(job).toMatchObject({ status: "failed", scraperStatus: "failed" });
      expect(job.errorMessage).toMatch(/scraper_failed: WebScraper reported the scraping job failed; 2 of 2 rows/);
      expect(await prisma.purchasing.count()).toBe(2);
      const [log] = await allLogs("1701");
      expect(log.success).toBe(false);
      expect(log.details).toMatchObject({
        error_type: "scraper_failed",
        scraper_status: "failed",
        applied: true,
        partial_result: { created: 2 },
      });
      expect((await prisma.trackingBatch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe("partial");
      // A repeat delivery does not apply the rows again.
      expect((await run()).status).toBe("already_processed");
      expect(await allLogs("1701")).toHaveLength(1);
    });

    it("a stopped job without an export fails with the status and no retry", async () => {
      const { jobs } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-17172222-0000", jobId: "1702" }]);
      const result = await processWebscraperTracking(
        input({ source: OWRYT, jobId: "1702", customId: "owryt-17172222-0000", scraperStatus: "stopped" }),
        { client },
      );
      expect(result).toMatchObject({ status: "error", error_type: "scraper_failed" });
      expect(await prisma.trackingJob.findUniqueOrThrow({ where: { id: jobs[0].id } })).toMatchObject({
        status: "failed",
        scraperStatus: "stopped",
      });
    });

    it("a single-row export of a failed owryt job is not taken for a Japan Post redirect", async () => {
      const { jobs } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-17173333-0000", jobId: "1703" }]);
      client.setExport("1703", [HEADER, row(1, "W43", "輸送中")].join("\n"));
      await processWebscraperTracking(input({ source: OWRYT, jobId: "1703", customId: "owryt-17173333-0000", scraperStatus: "failed" }), {
        client,
      });
      expect((await prisma.trackingJob.findUniqueOrThrow({ where: { id: jobs[0].id } })).status).toBe("failed");
      expect(await prisma.trackingJob.count()).toBe(1);
    });
  });
});
