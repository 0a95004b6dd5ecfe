// Branches of applyWebscraperExport the end-to-end processing tests do not reach:
// a failed scraping job whose export is unreadable or applies nothing, a dry run
// of the smart redirect, a job that changed hands between the first look and the
// lock, and a parser that fails in an unexpected way (dataframe_error).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { applyWebscraperExport } from "@/lib/tracking/processing/apply-webscraper-export";
import * as findTrackingJob from "@/lib/tracking/processing/find-tracking-job";
import * as parseTrackingCsv from "@/lib/tracking/processing/parse-tracking-csv";
import { resetDatabase } from "../../../setup/reset-database";
import { FakeExportClient } from "./fake-export-client";
import { createBatchWithJobs, input } from "./fixtures";

vi.mock("@/lib/tracking/processing/find-tracking-job", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/tracking/processing/find-tracking-job")>();
  return { ...original, matchTrackingJob: vi.fn(original.matchTrackingJob) };
});
vi.mock("@/lib/tracking/processing/parse-tracking-csv", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/tracking/processing/parse-tracking-csv")>();
  return { ...original, parseTrackingCsv: vi.fn(original.parseTrackingCsv) };
});

const OWRYT = "official_website_redirect_to_yamato_tracking";
const JPTO = "japan_post_tracking_only";
const APPLE = (order: string) => `https://store.apple.com/go/jp/vieworder/${order}/buyer@example.com`;
const HEADER = "web-scraper-order,web-scraper-start-url,order_number,email,tracking_number,delivery_status";
const JP_URL = "https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1=123456789013";

const logs = (jobId: string) => prisma.syncLog.findMany({ where: { jobId }, orderBy: { id: "asc" } });

describe("applyWebscraperExport", () => {
  let client: FakeExportClient;
  beforeEach(async () => {
    await resetDatabase();
    client = new FakeExportClient();
  });
  afterEach(() => {
    vi.mocked(findTrackingJob.matchTrackingJob).mockReset();
    vi.mocked(parseTrackingCsv.parseTrackingCsv).mockReset();
  });

  it("a failed scraping job whose export has no rows fails with scraper_failed, naming the parse error, and keeps the export's hash", async () => {
    const { jobs } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-a1a1a1a1-0000", jobId: "2001" }]);
    client.setExport("2001", `${HEADER}\n`);
    const outcome = await applyWebscraperExport(
      input({ source: OWRYT, jobId: "2001", customId: "owryt-a1a1a1a1-0000", scraperStatus: "failed" }),
      { client },
    );
    expect(outcome).toMatchObject({ status: "error", error_type: "scraper_failed", scraper_status: "failed" });
    expect((outcome as { message: string }).message).toMatch(
      /^WebScraper reported the scraping job failed; its export has no usable rows \(empty_data: /,
    );
    const [log] = await logs("2001");
    expect(log).toMatchObject({ operationType: "webscraper_tracking", success: false });
    expect(log.details).toMatchObject({
      error_type: "scraper_failed",
      export_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      scraper_status: "failed",
    });
    expect(await prisma.trackingJob.findUniqueOrThrow({ where: { id: jobs[0].id } })).toMatchObject({
      status: "failed",
      scraperStatus: "failed",
    });
  });

  it("a failed scraping job whose rows apply nothing fails with scraper_failed and keeps none of the tracker's writes", async () => {
    const { jobs } = await createBatchWithJobs(JPTO, [{ customId: "jpto-a2a2a2a2-0000", jobId: "2002" }]);
    client.setExport("2002", "tracking_number,email,delivery_status\n123456789013,x@example.com,配達中\n");
    const outcome = await applyWebscraperExport(
      input({ source: JPTO, jobId: "2002", customId: "jpto-a2a2a2a2-0000", scraperStatus: "stopped" }),
      { client },
    );
    expect(outcome).toMatchObject({ status: "error", error_type: "scraper_failed", scraper_status: "stopped" });
    expect((outcome as { message: string }).message).toBe(
      "WebScraper reported the scraping job stopped; nothing of its export was applied (none of 1 rows matched or created an order)",
    );
    expect(await prisma.officialAccount.count()).toBe(0);
    const [log] = await logs("2002");
    expect(log.success).toBe(false);
    expect(log.details).not.toHaveProperty("applied");
    expect(await prisma.trackingJob.findUniqueOrThrow({ where: { id: jobs[0].id } })).toMatchObject({
      status: "failed",
      scraperStatus: "stopped",
    });
  });

  it("a dry run of a smart redirect says it would redirect and changes nothing", async () => {
    const { jobs } = await createBatchWithJobs(OWRYT, [{ customId: "owryt-a3a3a3a3-0000", jobId: "2003" }]);
    client.setExport("2003", `web-scraper-order,web-scraper-start-url,order_number\n1-1,${JP_URL},W2003\n`);
    const outcome = await applyWebscraperExport(input({ source: OWRYT, jobId: "2003", customId: "owryt-a3a3a3a3-0000", dryRun: true }), {
      client,
    });
    expect(outcome).toMatchObject({
      status: "dry_run",
      would_redirect: true,
      result: null,
      export_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await prisma.trackingJob.findUniqueOrThrow({ where: { id: jobs[0].id } })).status).toBe("pending");
    expect(await logs("2003")).toEqual([]);
  });

  it("a job that changed hands between the first look and the lock is refused as job_mismatch, and the tracker does not run", async () => {
    await createBatchWithJobs(OWRYT, [{ customId: "owryt-a4a4a4a4-0000", jobId: "2004" }]);
    client.setExport(
      "2004",
      [HEADER, `1,${APPLE("W2004")},W2004,buyer@example.com,,輸送中`, `2,${APPLE("W2005")},W2005,buyer@example.com,,輸送中`].join("\n"),
    );
    const match = vi.mocked(findTrackingJob.matchTrackingJob);
    const original = (await vi.importActual<typeof findTrackingJob>("@/lib/tracking/processing/find-tracking-job")).matchTrackingJob;
    let calls = 0;
    match.mockImplementation(async (db, ref) => {
      calls += 1;
      // The second look is the one under the job's lock.
      if (calls === 2) return { job: null, refused: "owryt-a4a4a4a4-0000 was published meanwhile as scraping job 9999" };
      return original(db, ref);
    });
    const outcome = await applyWebscraperExport(input({ source: OWRYT, jobId: "2004", customId: "owryt-a4a4a4a4-0000" }), { client });
    expect(outcome).toMatchObject({
      status: "error",
      error_type: "job_mismatch",
      message: "owryt-a4a4a4a4-0000 was published meanwhile as scraping job 9999",
    });
    expect(await prisma.purchasing.count()).toBe(0);
    const [log] = await logs("2004");
    expect(log.success).toBe(false);
    expect(log.details).toMatchObject({ error_type: "job_mismatch", export_sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it("a parser failure that is no seed error is logged as dataframe_error", async () => {
    client.setExport("2005", `${HEADER}\n1,${APPLE("W1")},W1,buyer@example.com,,輸送中\n`);
    vi.mocked(parseTrackingCsv.parseTrackingCsv).mockImplementation(() => {
      throw new RangeError("column index out of range");
    });
    const outcome = await applyWebscraperExport(input({ source: OWRYT, jobId: "2005" }), { client });
    expect(outcome).toMatchObject({ status: "error", error_type: "dataframe_error", message: "column index out of range" });
    expect((await logs("2005"))[0].details).toMatchObject({ error_type: "dataframe_error" });
  });
});
