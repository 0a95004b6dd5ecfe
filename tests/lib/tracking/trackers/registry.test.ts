import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { TrackingError } from "@/lib/tracking/errors";
import { parseTrackingCsv } from "@/lib/tracking/processing/parse-tracking-csv";
import { getTracker, runTracker, TRACKERS } from "@/lib/tracking/trackers/registry";
import { TRACKER_NAMES } from "@/lib/tracking/tracker-configs";
import type { TrackerSuccess } from "@/lib/tracking/trackers/tracker-result";
import { resetDatabase } from "../../../setup/reset-database";

const rowsOf = (csv: string) => parseTrackingCsv(csv).rows;

async function run(name: string, csv: string, options = {}): Promise<TrackerSuccess> {
  const result = await runTracker(name, rowsOf(csv), options);
  if (result.status !== "success") throw new Error(result.message);
  return result;
}

// 12-digit numbers whose first 11 digits mod 7 give the 12th.
const YAMATO_OK = "123456789013"; // 12345678901 % 7 = 3
const YAMATO_BAD = "123456789012";

describe("tracker registry", () => {
  beforeEach(resetDatabase);

  it("knows the six trackers of the seed and rejects others as unknown_tracker", () => {
    expect(Object.keys(TRACKERS).sort()).toEqual([...TRACKER_NAMES].sort());
    for (const name of TRACKER_NAMES) expect(getTracker(name).name).toBe(name);
    let error: unknown;
    try {
      getTracker("nope");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TrackingError);
    expect((error as TrackingError).type).toBe("unknown_tracker");
    expect((error as TrackingError).retryable).toBe(false);
    expect(() => getTracker("toString")).toThrow(TrackingError);
  });

  it("creates a Purchasing with Inventory and OfficialAccount for a new order (seed §5.6.2 情况二)", async () => {
    const result = await run(
      "official_website_redirect_to_yamato_tracking",
      `order_number,email,tracking_number,delivery_date,delivery_status,confirmed_at,shipping_method\n` +
        `W100,alice@example.com,${YAMATO_OK},2026-01-20,配達完了（宅配ボックス）です,2026-01-08T10:00:00+09:00,ヤマト運輸\n`,
    );
    expect(result).toMatchObject({ created: 1, updated: 0, skipped: 0, accountsCreated: 1 });
    const p = await prisma.purchasing.findUniqueOrThrow({
      where: { orderNumber: "W100" },
      include: { officialAccount: true, inventory: true },
    });
    expect(p.officialAccount).toMatchObject({ email: "alice@example.com", accountName: "alice", status: "active" });
    expect(p.inventory).not.toBeNull();
    expect(p.trackingNumber).toBe(YAMATO_OK);
    expect(p.trackingNumberIssue).toBeNull();
    expect(p.carrier).toBe("yamato");
    expect(p.estimatedDeliveryDate?.toISOString().slice(0, 10)).toBe("2026-01-20");
    expect(p.latestDeliveryStatus).toBe("配達完了（宅配ボック");
    expect(p.latestDeliveryStatus).toHaveLength(10);
    expect(p.carrierStatus).toBe("配達完了（宅配ボックス）です");
    expect(p.deliveryStatus).toBe("delivered");
    expect(p.confirmedAt?.toISOString()).toBe("2026-01-08T01:00:00.000Z");
    expect(p.shippingMethod).toBe("ヤマト運輸");
    expect(p.lastInfoUpdatedAt).not.toBeNull();
  });

  it("updates an existing order, associates an account only when none, warns on email mismatch", async () => {
    const bob = await prisma.officialAccount.create({ data: { email: "bob@example.com", accountName: "bob" } });
    await prisma.purchasing.create({ data: { orderNumber: "W200", officialAccountId: bob.id, trackingNumber: "old" } });
    await prisma.purchasing.create({ data: { orderNumber: "W201" } });
    const result = await run(
      "official_website_tracking",
      `order_number,email,tracking_number,delivery_status\nW200,carol@example.com,,輸送中\nW201,dave@example.com,,荷物受付\n`,
    );
    expect(result).toMatchObject({ created: 0, updated: 2, warnings: 1 });
    expect(result.outcomes[0].warnings.join()).toMatch(/email_mismatch/);
    const w200 = await prisma.purchasing.findUniqueOrThrow({ where: { orderNumber: "W200" } });
    expect(w200.officialAccountId).toBe(bob.id);
    expect(w200.trackingNumber).toBe("old");
    expect(w200.deliveryStatus).toBe("in_transit");
    const w201 = await prisma.purchasing.findUniqueOrThrow({ where: { orderNumber: "W201" }, include: { officialAccount: true } });
    expect(w201.officialAccount?.email).toBe("dave@example.com");
    expect(w201.deliveryStatus).toBe("info_received");
  });

  it("warns about an invalid delivery date and keeps updating the rest; ignores a bad confirmed_at", async () => {
    const result = await run(
      "yamato_tracking_only",
      `order_number,delivery_date,delivery_status,confirmed_at\nW300,2026/01/20,輸送中,yesterday\nW301,2026-02-30,配達中,\n`,
    );
    expect(result.outcomes.map((o) => o.warnings.join())).toEqual([
      "invalid_delivery_date: 2026/01/20",
      "invalid_delivery_date: 2026-02-30",
    ]);
    const p = await prisma.purchasing.findUniqueOrThrow({ where: { orderNumber: "W300" } });
    expect(p.estimatedDeliveryDate).toBeNull();
    expect(p.confirmedAt).toBeNull();
    expect(p.latestDeliveryStatus).toBe("輸送中");
    expect((await prisma.purchasing.findUniqueOrThrow({ where: { orderNumber: "W301" } })).deliveryStatus).toBe("out_for_delivery");
  });

  it("flags a tracking number failing its check digit instead of storing it silently", async () => {
    const result = await run("yamato_tracking_only", `order_number,tracking_number\nW400,${YAMATO_BAD}\nW401,1234-5678-9013\n`);
    expect(result.outcomes[0].warnings.join()).toMatch(/check_digit_mismatch/);
    expect(await prisma.purchasing.findUniqueOrThrow({ where: { orderNumber: "W400" } })).toMatchObject({
      trackingNumber: YAMATO_BAD,
      trackingNumberIssue: "check_digit_mismatch",
    });
    expect(await prisma.purchasing.findUniqueOrThrow({ where: { orderNumber: "W401" } })).toMatchObject({
      trackingNumber: YAMATO_OK,
      trackingNumberIssue: null,
    });
  });

  it("processes every row of a multi-row export, keeping the last row per order", async () => {
    const lines = ["order_number,email,delivery_status"];
    for (let i = 0; i < 1200; i++) lines.push(`W${5000 + i},u${i}@example.com,輸送中`);
    lines.push("W5000,u0@example.com,配達完了");
    const result = await run("official_website_redirect_to_yamato_tracking", lines.join("\n"));
    expect(result).toMatchObject({ totalRows: 1201, created: 1200, skipped: 1 });
    expect(result.outcomes[0]).toMatchObject({ row: 1, status: "skipped", reason: "superseded_by_later_row" });
    expect(await prisma.purchasing.count()).toBe(1200);
    expect(await prisma.inventory.count()).toBe(1200);
    expect(await prisma.officialAccount.count()).toBe(1200);
    expect((await prisma.purchasing.findUniqueOrThrow({ where: { orderNumber: "W5000" } })).deliveryStatus).toBe("delivered");
    expect(await prisma.purchasing.count({ where: { deliveryStatus: "in_transit" } })).toBe(1199);
  });

  it("Japan Post trackers key rows by tracking number and update every order carrying it", async () => {
    await prisma.purchasing.create({ data: { orderNumber: "W600", trackingNumber: "EJ123456785JP" } });
    await prisma.purchasing.create({ data: { orderNumber: "W601", trackingNumber: "EJ123456785JP" } });
    const result = await run(
      "japan_post_tracking_10",
      `tracking_number,delivery_status\nEJ123456785JP,お届け先にお届け済み\nEJ000000000JP,引受\n`,
    );
    expect(result.outcomes[0]).toMatchObject({ status: "updated", purchasingIds: [1, 2] });
    expect(result.outcomes[1]).toMatchObject({ status: "skipped", reason: "no_purchasing_for_tracking_number" });
    const rows = await prisma.purchasing.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.deliveryStatus, r.carrier])).toEqual([
      ["delivered", "japan_post"],
      ["delivered", "japan_post"],
    ]);
  });

  it("returns the seed's error dict when the key column is missing", async () => {
    expect(await runTracker("japan_post_tracking_only", rowsOf("delivery_status\n配達中\n"))).toMatchObject({ status: "error" });
    expect(await runTracker("yamato_tracking_only", rowsOf("delivery_status\n配達中\n"))).toMatchObject({ status: "error" });
  });

  it("resolves a redirect_to_japan_post_tracking row through the redirect chain", async () => {
    await prisma.purchasing.create({ data: { orderNumber: "W700" } });
    const batch = await prisma.trackingBatch.create({
      data: { filePath: "f", taskName: "official_website_redirect_to_yamato_tracking", totalJobs: 1 },
    });
    await prisma.trackingJob.create({
      data: {
        batchId: batch.id,
        customId: "owryt-abc-0000",
        targetUrl: "https://store.apple.com/go/jp/vieworder/W700/x@example.com",
        index: 0,
        status: "redirected",
      },
    });
    const jpt = await prisma.trackingJob.create({
      data: { batchId: batch.id, customId: "jpt-from-owryt-owryt-abc-0000", targetUrl: "https://trackings.post.japanpost.jp/x", index: 0 },
    });
    const result = await run("redirect_to_japan_post_tracking", `tracking_number,delivery_status\n123456789013,到着\n`, { job: jpt });
    expect(result.outcomes[0]).toMatchObject({ status: "updated" });
    expect(await prisma.purchasing.findUniqueOrThrow({ where: { orderNumber: "W700" } })).toMatchObject({
      trackingNumber: "123456789013",
      carrier: "japan_post",
      deliveryStatus: "in_transit",
    });
  });

  it("creates the order of an unknown Japan Post row with upsert only", async () => {
    const csv = `tracking_number,order_number,delivery_status\n123456789013,W800,引受\n`;
    expect((await run("japan_post_tracking_only", csv)).outcomes[0]).toMatchObject({
      status: "skipped",
      reason: "no_purchasing_for_order_number",
    });
    expect((await run("japan_post_tracking_only", csv, { upsert: true })).outcomes[0]).toMatchObject({ status: "created" });
    expect(await prisma.purchasing.findUniqueOrThrow({ where: { orderNumber: "W800" }, include: { inventory: true } })).toMatchObject({
      trackingNumber: "123456789013",
    });
  });

  it("rolls back every row when a statement fails (one transaction)", async () => {
    const rows = rowsOf(`order_number,delivery_date\nW900,2026-01-01\nW901,2026-01-02\n`);
    await expect(
      prisma.$transaction(async (tx) => {
        await runTracker("yamato_tracking_only", rows, { db: tx });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await prisma.purchasing.count()).toBe(0);
  });
});
