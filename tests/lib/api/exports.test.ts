// CSV/XLSX exports of the filtered lists: orders, sync logs and a batch's jobs.
import ExcelJS from "exceljs";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { resetDatabase } from "../../setup/reset-database";

const sessionState = { user: { id: "0", email: "staff@example.com", role: "staff" as const } };
vi.mock("../../../lib/auth/get-staff-session", () => ({
  getStaffSession: async () => ({ user: sessionState.user, expires: "2099-01-01" }),
}));

const { prisma } = await import("../../../lib/db/client");
const ordersExport = await import("../../../app/api/purchasings/export/route");
const logsExport = await import("../../../app/api/sync-logs/export/route");
const batchExport = await import("../../../app/api/tracking/batches/[id]/export/route");
const { createTrackingBatch } = await import("../../../lib/tracking/publishing/create-tracking-batch");

const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

describe("list exports", () => {
  beforeEach(async () => {
    await resetDatabase();
    const user = await prisma.user.create({ data: { email: "staff@example.com", passwordHash: "x", timeZone: "Asia/Tokyo" } });
    sessionState.user = { ...sessionState.user, id: String(user.id) };
    const account = await prisma.officialAccount.create({ data: { email: "buyer@example.jp", accountName: "buyer" } });
    await prisma.purchasing.createMany({
      data: [
        {
          orderNumber: "W100",
          officialAccountId: account.id,
          trackingNumber: "=HYPERLINK(1)",
          deliveryStatus: "delivered",
          carrierStatus: "配達完了",
          lastInfoUpdatedAt: new Date("2026-11-24T12:10:00Z"),
        },
        { orderNumber: "W200", officialAccountId: account.id, deliveryStatus: "in_transit", carrierStatus: "+輸送中" },
        { orderNumber: "W300", officialAccountId: account.id, deliveryStatus: "delivered", carrierStatus: "@お届け済み" },
      ],
    });
  });

  it("orders: only the filtered rows, in the requested order, formulas neutralised, times in the user's zone", async () => {
    const res = await ordersExport.GET(
      new NextRequest("http://localhost/api/purchasings/export?format=csv&delivery_status=delivered&sort=order_number&dir=desc"),
      ctx(),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="purchasing-orders-\d{8}-\d{4}\.csv"/);
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "order_number,account_email,tracking_number,tracking_number_issue,carrier,carrier_status,delivery_status,estimated_delivery_date_jst,last_info_updated_at,product_name",
    );
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["W300", "W100"]);
    expect(lines[1]).toContain("'@お届け済み");
    expect(lines[2]).toContain("'=HYPERLINK(1)");
    expect(lines[2]).toContain("2026-11-24 21:10 JST");
  });

  it("orders as XLSX", async () => {
    const res = await ordersExport.GET(new NextRequest("http://localhost/api/purchasings/export?format=xlsx&q=W2"), ctx());
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getCell("A2").value).toBe("W200");
    expect(sheet.getCell("F2").value).toBe("'+輸送中");
  });

  it("sync logs: filtered, every row (beyond the page's limit of 500)", async () => {
    await prisma.syncLog.createMany({
      data: Array.from({ length: 620 }, (_, i) => ({
        operationType: i % 2 ? "tracking_job_published" : "webscraper_tracking",
        success: true,
        message: i === 0 ? "-1 rows" : `m${i}`,
        jobId: String(i),
      })),
    });
    const res = await logsExport.GET(
      new NextRequest("http://localhost/api/sync-logs/export?operation_type=webscraper_tracking&sort=job_id&dir=asc"),
      ctx(),
    );
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(311);
    expect(lines[1]).toContain("'-1 rows");
  });

  it("a batch's jobs, and 404 for an unknown batch", async () => {
    const batch = await createTrackingBatch({
      taskName: "official_website_redirect_to_yamato_tracking",
      filePath: "/x/OWRYT-1.csv",
      urls: ["https://example.com/a", "https://example.com/b"],
    });
    const res = await batchExport.GET(
      new NextRequest(`http://localhost/api/tracking/batches/${batch.batchUuid}/export`),
      ctx({ id: batch.batchUuid }),
    );
    const lines = (await res.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^0,owryt-/);
    const missing = await batchExport.GET(new NextRequest("http://localhost/api/tracking/batches/nope/export"), ctx({ id: "nope" }));
    expect(missing.status).toBe(404);
  });
});
