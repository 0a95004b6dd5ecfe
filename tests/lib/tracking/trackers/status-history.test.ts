// Order history (issue 11 §5): tracker writes record each status change with the job that caused it.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { getPurchasingDetail } from "@/lib/purchasing/get-purchasing-detail";
import { parseTrackingCsv } from "@/lib/tracking/processing/parse-tracking-csv";
import { createTrackingBatch } from "@/lib/tracking/publishing/create-tracking-batch";
import { runTracker } from "@/lib/tracking/trackers/registry";
import { resetDatabase } from "../../../setup/reset-database";

const YAMATO_OK = "123456789013";
const HEADER = "order_number,email,tracking_number,delivery_date,delivery_status,shipping_method\n";
const row = (status: string) => `${HEADER}W100,alice@example.com,${YAMATO_OK},2026-01-20,${status},ヤマト運輸\n`;

async function run(csv: string, job: { customId: string; batchId: number } | null, now: Date) {
  const result = await runTracker("official_website_redirect_to_yamato_tracking", parseTrackingCsv(csv).rows, { job: job as never, now });
  if (result.status !== "success") throw new Error(result.message);
}

describe("purchasing status history", () => {
  beforeEach(resetDatabase);

  it("records the first status, each change with the job that caused it, and nothing when nothing changed", async () => {
    const batch = await createTrackingBatch({
      taskName: "official_website_redirect_to_yamato_tracking",
      filePath: "/official_website_redirect_to_yamato_tracking/OWRYT-h.csv",
      urls: ["https://example.com/1", "https://example.com/2"],
    });
    const batchRow = await prisma.trackingBatch.findUniqueOrThrow({ where: { batchUuid: batch.batchUuid } });
    const jobs = await prisma.trackingJob.findMany({ where: { batchId: batchRow.id }, orderBy: { index: "asc" } });
    await prisma.trackingJob.update({ where: { id: jobs[1].id }, data: { jobId: "9002" } });

    await run(row("荷物受付"), { customId: jobs[0].customId, batchId: batchRow.id }, new Date("2026-01-10T00:00:00Z"));
    await run(row("荷物受付"), { customId: jobs[0].customId, batchId: batchRow.id }, new Date("2026-01-10T01:00:00Z"));
    await run(row("配達完了"), { customId: jobs[1].customId, batchId: batchRow.id }, new Date("2026-01-11T00:00:00Z"));

    const changes = await prisma.purchasingStatusChange.findMany({ orderBy: { id: "asc" } });
    expect(changes.map((c) => [c.previousDeliveryStatus, c.deliveryStatus, c.previousCarrierStatus, c.carrierStatus, c.customId])).toEqual([
      [null, "info_received", null, "荷物受付", jobs[0].customId],
      ["info_received", "delivered", "荷物受付", "配達完了", jobs[1].customId],
    ]);
    expect(changes[1]).toMatchObject({
      tracker: "official_website_redirect_to_yamato_tracking",
      batchId: batchRow.id,
      carrier: "yamato",
      trackingNumber: YAMATO_OK,
    });
    expect(changes[1].recordedAt.toISOString()).toBe("2026-01-11T00:00:00.000Z");

    const detail = (await getPurchasingDetail("W100"))!;
    expect(detail).toMatchObject({ order_number: "W100", check_digit: "valid", carrier: "yamato", delivery_status: "delivered" });
    expect(detail.carrier_tracking_url).toBe(`https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number01=${YAMATO_OK}`);
    expect(detail.history[0]).toMatchObject({
      delivery_status: "delivered",
      carrier_status: "配達完了",
      webscraper_job_id: "9002",
      batch_uuid: batch.batchUuid,
    });
    expect(detail.history).toHaveLength(2);
    expect(await getPurchasingDetail("W999")).toBeNull();
  });
});
