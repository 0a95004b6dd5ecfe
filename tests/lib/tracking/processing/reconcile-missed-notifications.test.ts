// A notification lost while the app was down: the sweeper asks WebScraper.io and processes the job anyway.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { findMissedNotifications } from "@/lib/tracking/processing/reconcile-missed-notifications";
import { processInputFromEvent } from "@/lib/tracking/processing/process-input";
import { processWebscraperTracking } from "@/lib/tracking/processing/process-webscraper-tracking";
import { resetDatabase } from "../../../setup/reset-database";
import { FakeExportClient } from "./fake-export-client";
import { createBatchWithJobs } from "./fixtures";

const OWRYT = "official_website_redirect_to_yamato_tracking";

describe("findMissedNotifications", () => {
  beforeEach(resetDatabase);

  it("turns a long-pending job whose scraping job ended into the event its notification would have sent; others wait", async () => {
    const { jobs } = await createBatchWithJobs(OWRYT, [
      { customId: "owryt-12121212-0000", jobId: "4001" },
      { customId: "owryt-12121212-0001", jobId: "4002" },
      { customId: "owryt-12121212-0002", jobId: "4003" },
    ]);
    const old = new Date(Date.now() - 3600_000);
    for (const job of jobs) await prisma.trackingJob.update({ where: { id: job.id }, data: { publishedAt: old } });
    await prisma.trackingJob.update({ where: { id: jobs[2].id }, data: { publishedAt: new Date() } });

    const client = new FakeExportClient();
    const status = new Map([
      ["4001", "finished"],
      ["4002", "started"],
      ["4003", "finished"],
    ]);
    client.getScrapingJob = async (id) => ({ id: Number(id), status: status.get(String(id)) }) as never;
    client.setExport(
      "4001",
      "web-scraper-order,order_number,email,delivery_status\n1,W400,a@example.jp,輸送中\n2,W401,a@example.jp,輸送中\n",
    );

    const events = await findMissedNotifications(client, { publishedBefore: new Date(Date.now() - 60_000) });
    expect(events.map((e) => e.data.job_id)).toEqual(["4001"]);
    expect(events[0]).toMatchObject({
      name: "tracking/webscraper.job-finished",
      data: { source_name: OWRYT, custom_id: "owryt-12121212-0000", request_data: { status: "finished" } },
    });

    const result = await processWebscraperTracking(processInputFromEvent(events[0].data, "reconcile-run"), { client });
    expect(result.status).toBe("success");
    expect((await prisma.trackingJob.findUniqueOrThrow({ where: { id: jobs[0].id } })).status).toBe("completed");
  });
});
